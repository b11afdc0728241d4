namespace CustomConnector;

/// <summary>The API is unavailable for now (503 Service Unavailable); <see cref="RetryAfter"/> says when to try again.</summary>
public class ServiceUnavailableException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableException"/> class.</summary>
    public ServiceUnavailableException()
        : base("The API answered 503 Service Unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ServiceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServiceUnavailableException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint, URI and <c>Retry-After</c>.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ServiceUnavailableException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
        RetryAfter = context.RetryAfter;
    }

    /// <summary>Gets how long the server asked the client to wait before trying again, from the <c>Retry-After</c> header; <see langword="null"/> when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }
}
