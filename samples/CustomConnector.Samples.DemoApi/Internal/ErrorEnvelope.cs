namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>A failure in the connector convention: <c>{"error": {"code": "404", "description": "..."}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);
