namespace CustomConnector;

/// <summary>The API rejected the request as invalid (400 Bad Request).</summary>
public class BadRequestException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="BadRequestException"/> class.</summary>
    public BadRequestException()
        : base("The API answered 400 Bad Request.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadRequestException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public BadRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadRequestException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BadRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadRequestException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public BadRequestException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
