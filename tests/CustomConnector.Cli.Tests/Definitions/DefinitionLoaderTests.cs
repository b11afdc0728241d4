using CustomConnector.Cli.Definitions;

namespace CustomConnector.Cli.Tests.Definitions;

public sealed class DefinitionLoaderTests
{
    [Theory]
    [InlineData("wings.json", "wings")]
    [InlineData("/defs/wings.connector.json", "wings")]
    [InlineData("Pet-Store.JSON", "Pet-Store")]
    [InlineData("wings", "wings")]
    public void NameFromPath_FileName_GivesTheConnectorName(string path, string expected)
        => Assert.Equal(expected, DefinitionLoader.NameFromPath(path));

    [Theory]
    [InlineData("wings", "WINGS_")]
    [InlineData("pet-store", "PET_STORE_")]
    [InlineData("v2.api", "V2_API_")]
    public void EnvironmentPrefix_Name_IsCapitalsAndUnderscores(string name, string expected)
        => Assert.Equal(expected, DefinitionLoader.EnvironmentPrefix(name));
}
