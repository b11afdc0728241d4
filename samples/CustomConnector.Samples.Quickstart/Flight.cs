namespace CustomConnector.Samples.Quickstart;

/// <summary>What the OAuth2-protected endpoint returns, one per flight.</summary>
public sealed record Flight(string Number, int WingId, string Destination);
