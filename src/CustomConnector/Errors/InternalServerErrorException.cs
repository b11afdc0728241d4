namespace CustomConnector;

/// <summary>The API failed with a generic server error (500 Internal Server Error).</summary>
public class InternalServerErrorException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="InternalServerErrorException"/> class.</summary>
    public InternalServerErrorException()
        : base("The API answered 500 Internal Server Error.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InternalServerErrorException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public InternalServerErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InternalServerErrorException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InternalServerErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InternalServerErrorException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public InternalServerErrorException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
