namespace CustomConnector.IntegrationTests;

/// <summary>Every test class that needs a socket joins this collection and so shares one <see cref="TestServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class KestrelCollectionDefinition : ICollectionFixture<TestServerFixture>
{
    public const string Name = "Kestrel";
}
