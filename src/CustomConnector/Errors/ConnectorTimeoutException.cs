namespace CustomConnector;

/// <summary>The call ran out of time. Cancellation through the caller's own token throws <see cref="OperationCanceledException"/> instead.</summary>
public class ConnectorTimeoutException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorTimeoutException"/> class.</summary>
    public ConnectorTimeoutException()
        : base("The connector call timed out.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorTimeoutException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorTimeoutException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorTimeoutException"/> class.</summary>
    /// <param name="context">The call's endpoint, URI and attempt count.</param>
    /// <param name="timeout">The time budget that ran out.</param>
    /// <param name="kind">Which budget ran out: the whole call's or one attempt's.</param>
    /// <param name="innerException">The cancellation that the timeout caused.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ConnectorTimeoutException(ConnectorExceptionContext context, TimeSpan timeout, ConnectorTimeoutKind kind = ConnectorTimeoutKind.Total, Exception? innerException = null)
        : base(context, ComposeMessage(context, timeout, kind), innerException)
    {
        Timeout = timeout;
        Kind = kind;
    }

    /// <summary>Initializes a new instance with a message of the caller's, for budgets other than the call's or an attempt's (a stalled streamed body).</summary>
    internal ConnectorTimeoutException(ConnectorExceptionContext context, string message, TimeSpan timeout, ConnectorTimeoutKind kind, Exception? innerException)
        : base(context, message, innerException)
    {
        Timeout = timeout;
        Kind = kind;
    }

    /// <summary>Gets the time budget that ran out, when known.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Gets which budget ran out: the whole call's (<see cref="ConnectorClientOptions.Timeout"/>) or the last attempt's (<see cref="ConnectorResilienceOptions.AttemptTimeout"/>).</summary>
    public ConnectorTimeoutKind Kind { get; }

    private static string ComposeMessage(ConnectorExceptionContext context, TimeSpan timeout, ConnectorTimeoutKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attempts = context.Attempts == 1 ? "1 attempt" : $"{context.Attempts} attempts";
        return kind == ConnectorTimeoutKind.Attempt
            ? $"{context.Describe()} timed out: its last attempt got no response within the attempt timeout of {timeout} ({attempts} made)."
            : $"{context.Describe()} did not complete within its total timeout of {timeout} ({attempts} made).";
    }
}
