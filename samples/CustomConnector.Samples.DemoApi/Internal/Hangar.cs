namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>What the API-key protected endpoint returns.</summary>
internal sealed record Hangar(string Name, int Capacity, int Parked);
