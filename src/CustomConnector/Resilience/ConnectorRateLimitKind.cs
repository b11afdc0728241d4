namespace CustomConnector;

/// <summary>The shapes of client-side rate limit.</summary>
public enum ConnectorRateLimitKind
{
    /// <summary>No client-side limit.</summary>
    None,

    /// <summary>A token bucket: <c>PermitLimit</c> tokens at most, refilled one at a time at <c>PermitLimit</c> per <c>Window</c>; allows a burst of <c>PermitLimit</c> after a quiet spell.</summary>
    TokenBucket,

    /// <summary>A fixed window: at most <c>PermitLimit</c> requests per <c>Window</c>.</summary>
    FixedWindow,
}
