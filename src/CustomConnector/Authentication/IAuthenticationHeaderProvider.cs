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
}
