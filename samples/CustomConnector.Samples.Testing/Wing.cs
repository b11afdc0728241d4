namespace CustomConnector.Samples.Testing;

/// <summary>A wing: <c>{"id": 7, "name": "Delta"}</c>.</summary>
public sealed record Wing(int Id, string Name);
