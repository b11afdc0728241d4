namespace CustomConnector;

/// <summary>Which time budget a <see cref="ConnectorTimeoutException"/> reports.</summary>
public enum ConnectorTimeoutKind
{
    /// <summary>The whole call's budget (<see cref="ConnectorClientOptions.Timeout"/>), retries and waits included.</summary>
    Total,

    /// <summary>One attempt's budget (<see cref="ConnectorResilienceOptions.AttemptTimeout"/>), after the retries allowed were spent.</summary>
    Attempt,
}
