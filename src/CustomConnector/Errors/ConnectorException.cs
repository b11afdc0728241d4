using System.Net;

namespace CustomConnector;

/// <summary>The base of every exception the connector throws for a failed call.</summary>
/// <remarks>
/// Messages and properties never carry credentials: query values of known credential
/// parameters are redacted from <see cref="RequestUri"/>.
/// </remarks>
public class ConnectorException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorException"/> class.</summary>
    public ConnectorException()
        : this("The connector call failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConnectorException"/> class from what is known about the failed call.</summary>
    /// <param name="context">The call's status, error, endpoint and URI.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public ConnectorException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(message ?? ComposeMessage(context), innerException)
    {
        StatusCode = context.StatusCode;
        Error = context.Error;
        EndpointName = context.EndpointName;
        Method = context.Method;
        RequestUri = context.RequestUri;
        Attempts = context.Attempts;
    }

    /// <summary>Gets the HTTP status code, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the error the API reported, or <see langword="null"/>.</summary>
    public ConnectorError? Error { get; }

    /// <summary>Gets the name of the endpoint that failed, when known.</summary>
    public string? EndpointName { get; }

    /// <summary>Gets the request method, when known.</summary>
    public HttpMethod? Method { get; }

    /// <summary>Gets the request URI with credentials redacted, when known.</summary>
    public Uri? RequestUri { get; }

    /// <summary>Gets how many attempts were sent before the call failed (retries included), when known.</summary>
    public int Attempts { get; }

    /// <summary>Composes the standard message: what was called, the status, and the API's description.</summary>
    /// <param name="context">The failed call.</param>
    /// <returns>A message such as <c>GET https://h/wings/7 (getWing) failed with 404 NotFound: Wing 7 does not exist.</c></returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    protected static string ComposeMessage(ConnectorExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.StatusCode is { } code ? $" failed with {(int)code} {code}" : " failed";
        var error = context.Error is { } e && e.Description.Length > 0 ? $": {e.Description}" : ".";
        return string.Concat(context.Describe(), status, error);
    }
}
