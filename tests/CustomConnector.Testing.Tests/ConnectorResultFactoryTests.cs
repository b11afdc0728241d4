using System.Net;

namespace CustomConnector.Testing.Tests;

/// <summary>The core's public factories are what tests use for code that takes results directly.</summary>
public sealed class ConnectorResultFactoryTests
{
    [Fact]
    public void FromError_NotFound_GetDataOrThrowThrowsTheTypedException()
    {
        var result = ConnectorResult.FromError<Wing>(HttpStatusCode.NotFound, new ConnectorError("404", "No such wing."));

        var exception = Assert.Throws<NotFoundException>(() => result.GetDataOrThrow());
        Assert.Equal("No such wing.", exception.Error?.Description);
    }

    [Fact]
    public void FromData_And_Empty_KindsAsExpected()
    {
        Assert.Equal(new Wing(1, "A"), ConnectorResult.FromData(new Wing(1, "A")).GetDataOrThrow());
        Assert.True(ConnectorResult.Empty<Wing>().IsEmpty);
    }
}
