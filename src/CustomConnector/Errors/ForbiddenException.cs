namespace CustomConnector;

/// <summary>The credentials were accepted but do not allow this operation (403 Forbidden).</summary>
public class ForbiddenException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="ForbiddenException"/> class.</summary>
    public ForbiddenException()
        : base("The API answered 403 Forbidden.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ForbiddenException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ForbiddenException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ForbiddenException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ForbiddenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ForbiddenException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ForbiddenException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
    }
}
