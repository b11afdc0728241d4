namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>The demo resource: <c>{"id": 1001, "name": "Wing"}</c>.</summary>
internal sealed record Wing(int Id, string Name);
