namespace CustomConnector;

/// <summary>
/// A response broke the convention: a 2xx body that is not JSON, is truncated, is larger than
/// <see cref="ConnectorClientOptions.MaxResponseContentBytes"/>, or has neither the data nor the error property.
/// </summary>
public class ConnectorResponseFormatException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorResponseFormatException"/> class.</summary>
    public ConnectorResponseFormatException()
        : base("The response does not follow the connector convention.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorResponseFormatException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorResponseFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorResponseFormatException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorResponseFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorResponseFormatException"/> class.</summary>
    /// <param name="context">The call's status, endpoint and URI.</param>
    /// <param name="message">What is wrong with the response.</param>
    /// <param name="contentType">The response's <c>Content-Type</c>, if any.</param>
    /// <param name="bodyExcerpt">The first bytes of the body as text, if any were read.</param>
    /// <param name="innerException">The cause, such as a <see cref="System.Text.Json.JsonException"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ConnectorResponseFormatException(ConnectorExceptionContext context, string message, string? contentType, string? bodyExcerpt, Exception? innerException = null)
        : base(context, message, innerException)
    {
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
    }

    /// <summary>Gets the response's <c>Content-Type</c>, if it had one.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the first bytes of the body (up to 512) as text, to see what arrived. Kept out of <see cref="Exception.Message"/> on purpose.</summary>
    public string? BodyExcerpt { get; }
}
