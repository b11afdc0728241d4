using System.Net;

namespace CustomConnector;

/// <summary>What is known about a failed call, handed to exception factories and kept on <see cref="ConnectorException"/>.</summary>
public sealed class ConnectorExceptionContext
{
    /// <summary>Gets the HTTP status code, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the error the API reported, or <see langword="null"/>.</summary>
    public ConnectorError? Error { get; init; }

    /// <summary>Gets the endpoint's name, or <see langword="null"/> when the response did not come through a connector endpoint.</summary>
    public string? EndpointName { get; init; }

    /// <summary>Gets the request method.</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>Gets the request URI, with credentials in the query and user-info redacted.</summary>
    public Uri? RequestUri { get; init; }

    /// <summary>Gets how many attempts were sent (retries included); 0 when none was.</summary>
    public int Attempts { get; init; }

    /// <summary>Names the call for a message: <c>GET https://h/wings/7 (getWing)</c>, or <paramref name="fallback"/> when the URI is unknown.</summary>
    internal string Describe(string fallback = "The connector call")
    {
        if (RequestUri is null)
        {
            return fallback;
        }

        var endpoint = EndpointName is null ? string.Empty : $" ({EndpointName})";
        return $"{Method?.Method ?? "The request"} {RequestUri}{endpoint}";
    }

    /// <summary>Gets how long the server asked the client to wait (the <c>Retry-After</c> header), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
