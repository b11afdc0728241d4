namespace CustomConnector.Testing.Tests;

public sealed record Wing(int Id, string Name);
