namespace CustomConnector;

/// <summary>
/// Where <see cref="OAuth2ClientCredentialsProvider"/> keeps client credentials tokens beyond its own
/// memory, so that several host instances share one token (and one token request per expiry window).
/// Without one (the default) each provider keeps its token in memory, as it always did.
/// </summary>
/// <remarks>
/// <para>
/// The provider computes the key: a hash of everything that shapes the token (token endpoint, client
/// id, scope, every <see cref="OAuth2ClientCredentialsOptions.TokenParameters"/> entry, and a hash of
/// the secret), so it holds no secret and a rotated secret gets a new entry. Keys are at most 100
/// ASCII characters.
/// </para>
/// <para>
/// The provider goes: <see cref="GetAsync"/>; on a miss <see cref="AcquireFetchLockAsync"/>, then
/// <see cref="GetAsync"/> again (another instance may have fetched meanwhile), and only then the token
/// endpoint, <see cref="SetAsync"/> and releasing the lock. After a 401 it calls <see cref="RemoveAsync"/>
/// with the token the API refused, which removes it only if it is still the stored one, so that many
/// instances seeing the same 401 invalidate it once.
/// </para>
/// <para>
/// A cache that fails throws: the provider then carries on without it for that token (its own memory
/// and its own token request), so a cache outage never fails a call. Implementations should bound their
/// own waits; every method is called with the caller's cancellation token.
/// </para>
/// </remarks>
public interface IOAuth2TokenCache
{
    /// <summary>Reads the token stored under <paramref name="key"/>.</summary>
    /// <param name="key">The provider's key for its credentials.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The token, or <see langword="null"/> when none is stored.</returns>
    ValueTask<OAuth2CachedToken?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="token"/> under <paramref name="key"/>, replacing any token there, until its <see cref="OAuth2CachedToken.RefreshAt"/>.</summary>
    /// <param name="key">The provider's key for its credentials.</param>
    /// <param name="token">The token just fetched.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the token is stored.</returns>
    ValueTask SetAsync(string key, OAuth2CachedToken token, CancellationToken cancellationToken);

    /// <summary>Removes the token under <paramref name="key"/> only if it is <paramref name="accessToken"/> (compare and delete), so that a token stored since is kept.</summary>
    /// <param name="key">The provider's key for its credentials.</param>
    /// <param name="accessToken">The access token the API refused.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns><see langword="true"/> when this call removed the token; <see langword="false"/> when another token, or none, was stored.</returns>
    ValueTask<bool> RemoveAsync(string key, string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the short lock that lets one instance fetch the token while the others wait, waiting for it
    /// at most the cache's own bound.
    /// </summary>
    /// <param name="key">The provider's key for its credentials.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>
    /// The lock, released when disposed; or <see langword="null"/> when the bound passed first (or the cache
    /// cannot lock now): the caller then fetches on its own.
    /// </returns>
    ValueTask<IAsyncDisposable?> AcquireFetchLockAsync(string key, CancellationToken cancellationToken);
}
