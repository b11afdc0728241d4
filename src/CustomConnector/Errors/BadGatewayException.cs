namespace CustomConnector;

/// <summary>A gateway in front of the API got an invalid response from upstream (502 Bad Gateway).</summary>
public class BadGatewayException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="BadGatewayException"/> class.</summary>
    public BadGatewayException()
        : base("The API answered 502 Bad Gateway.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadGatewayException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public BadGatewayException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadGatewayException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BadGatewayException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BadGatewayException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public BadGatewayException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
