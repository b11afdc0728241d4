namespace CustomConnector;

/// <summary>Adds credentials to a request: a header, a query parameter, or anything else the API needs.</summary>
/// <remarks>
/// The client calls <see cref="ApplyAsync"/> for every attempt of every request, so a provider that
/// refreshes its credentials is picked up on a retry. It is only called for requests to the
/// connector's own origin (its base address, or an origin listed in
/// <see cref="ConnectorClientOptions.TrustedOrigins"/>), never for a redirect to another origin.
/// Implementations must be thread-safe and must not put secrets in <see cref="object.ToString"/>.
/// </remarks>
public interface IAuthenticationHeaderProvider
{
    /// <summary>Adds credentials to <paramref name="request"/>.</summary>
    /// <param name="request">The request about to be sent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the credentials are on the request.</returns>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Gets the names of the headers this provider puts credentials in, such as <c>Authorization</c>.</summary>
    /// <value>The default is none. A provider that sets a header should name it.</value>
    /// <remarks>
    /// An endpoint header of the same name counts as a credential (it is refused over plain http to a
    /// host that is not loopback, like the provider's own).
    /// </remarks>
    IReadOnlyList<string> CredentialHeaderNames => [];

    /// <summary>Gets the names of the query parameters this provider puts credentials in, such as <c>api_key</c>.</summary>
    /// <value>The default is none. A provider that adds a query parameter must name it.</value>
    /// <remarks>
    /// Their values are redacted in every message, and a server-supplied URI (a redirect's
    /// <c>Location</c>, a next-page link) loses these parameters before it is sent: only the
    /// provider puts them on a request, and only on a hop that earns credentials.
    /// </remarks>
    IReadOnlyList<string> CredentialQueryParameterNames => [];
}
