namespace CustomConnector.IntegrationTests;

/// <summary>The body POST tests send.</summary>
public sealed record CreateWing(string Name, int Span);
