namespace CustomConnector.IntegrationTests;

/// <summary>The payload most tests read.</summary>
public sealed record Wing(int Id, string Name);
