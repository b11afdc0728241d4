namespace CustomConnector;

/// <summary>The API did not accept the credentials, or got none (401 Unauthorized); also thrown when an OAuth2 token endpoint refuses the client.</summary>
public class UnauthorizedException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="UnauthorizedException"/> class.</summary>
    public UnauthorizedException()
        : base("The API answered 401 Unauthorized.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnauthorizedException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public UnauthorizedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnauthorizedException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnauthorizedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnauthorizedException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public UnauthorizedException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
