namespace CustomConnector;

/// <summary>The shapes of client-side rate limit.</summary>
public enum ConnectorRateLimitKind
{
    /// <summary>No client-side limit.</summary>
    None,

    /// <summary>A token bucket: <c>PermitLimit</c> tokens at most, refilled by <c>PermitLimit</c> every <c>Window</c>; allows short bursts.</summary>
    TokenBucket,

    /// <summary>A fixed window: at most <c>PermitLimit</c> requests per <c>Window</c>.</summary>
    FixedWindow,
}
