namespace CustomConnector.Samples.Aot;

/// <summary>A wing as the API returns it: <c>{"id": 1001, "name": "Wing"}</c>.</summary>
public sealed record Wing(int Id, string Name);
