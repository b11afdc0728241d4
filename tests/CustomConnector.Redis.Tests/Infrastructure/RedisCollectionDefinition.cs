namespace CustomConnector.Redis.Tests;

/// <summary>Every Redis test joins this collection: one server, and tests that stop it never run beside others.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollectionDefinition : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis";
}
