namespace CustomConnector;

/// <summary>
/// An OAuth 2.0 token endpoint failed without refusing the client: it answered a server error
/// (5xx), 408 or 429 after the retries, or another status that is not a refusal; it could not be
/// reached; it did not answer within the token request timeout; or it answered 2xx without a
/// usable <c>access_token</c>. No request went to the API.
/// </summary>
/// <remarks>
/// The client's credentials are not known to be wrong: look at the token endpoint (named, redacted,
/// in the message and <see cref="ConnectorException.RequestUri"/>) and at the network to it. A token
/// endpoint that refuses the client (OAuth error <c>invalid_client</c>, <c>invalid_grant</c>,
/// <c>unauthorized_client</c>, or status 400 or 401) throws <see cref="UnauthorizedException"/> instead.
/// <see cref="ConnectorException.StatusCode"/> is the endpoint's status, or <see langword="null"/> when
/// no response arrived; <see cref="ConnectorException.Error"/> carries the OAuth error code and
/// description when the endpoint sent them.
/// </remarks>
public class TokenEndpointException : ConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="TokenEndpointException"/> class.</summary>
    public TokenEndpointException()
        : base("The OAuth2 token endpoint failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TokenEndpointException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public TokenEndpointException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TokenEndpointException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TokenEndpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TokenEndpointException"/> class from what is known about the failed token request.</summary>
    /// <param name="context">The token request's status, OAuth error, redacted URI and attempt count, and the <c>Retry-After</c> the endpoint sent.</param>
    /// <param name="message">The message, or <see langword="null"/> to compose one from <paramref name="context"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public TokenEndpointException(ConnectorExceptionContext context, string? message = null, Exception? innerException = null)
        : base(context, message, innerException)
    {
        RetryAfter = context.RetryAfter;
    }

    /// <summary>Gets how long the token endpoint asked the client to wait (its <c>Retry-After</c> header); <see langword="null"/> when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets a value indicating whether the failure may pass (408, 429, 5xx, no connection, timed out), so the provider tries again.</summary>
    internal bool IsTransient { get; init; }
}
