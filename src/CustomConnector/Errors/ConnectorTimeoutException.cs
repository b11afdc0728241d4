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
    /// <param name="context">The call's endpoint and URI.</param>
    /// <param name="timeout">The time budget that ran out.</param>
    /// <param name="innerException">The cancellation that the timeout caused.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ConnectorTimeoutException(ConnectorExceptionContext context, TimeSpan timeout, Exception? innerException = null)
        : base(context, $"{ComposeTarget(context)} did not complete within its timeout of {timeout}.", innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Gets the time budget that ran out, when known.</summary>
    public TimeSpan? Timeout { get; }

    private static string ComposeTarget(ConnectorExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.EndpointName is null ? string.Empty : $" ({context.EndpointName})";
        return context.RequestUri is null ? "The connector call" : $"{context.Method?.Method} {context.RequestUri}{endpoint}";
    }
}
