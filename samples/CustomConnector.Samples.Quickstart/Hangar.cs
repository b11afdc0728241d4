namespace CustomConnector.Samples.Quickstart;

/// <summary>What the API-key protected endpoint returns.</summary>
public sealed record Hangar(string Name, int Capacity, int Parked);
