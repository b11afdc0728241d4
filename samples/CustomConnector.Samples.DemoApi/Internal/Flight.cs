namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>What the OAuth-protected endpoint returns, one per flight.</summary>
internal sealed record Flight(string Number, int WingId, string Destination);
