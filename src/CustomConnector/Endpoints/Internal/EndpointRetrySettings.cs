namespace CustomConnector.Internal;

/// <summary>What a builder knows about repeating an endpoint's requests.</summary>
internal readonly record struct EndpointRetrySettings(
    bool AsIdempotent,
    string? IdempotencyKey,
    bool GeneratesIdempotencyKey,
    Action<ConnectorResilienceOptions>? Resilience);
