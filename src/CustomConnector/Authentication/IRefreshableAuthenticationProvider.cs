namespace CustomConnector;

/// <summary>
/// A provider whose credentials can go stale (such as a cached access token). When the API
/// answers 401, the client asks it to drop them and retries the request once with fresh ones.
/// </summary>
public interface IRefreshableAuthenticationProvider : IAuthenticationHeaderProvider
{
    /// <summary>Drops the credentials that <paramref name="rejectedRequest"/> carried, if they are still the current ones.</summary>
    /// <param name="rejectedRequest">The request the API answered with 401.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a retry with fresh credentials may succeed; otherwise <see langword="false"/>.</returns>
    ValueTask<bool> InvalidateAsync(HttpRequestMessage rejectedRequest, CancellationToken cancellationToken);
}
