namespace CustomConnector.Internal;

/// <summary>
/// Gets a client credentials token through an <see cref="IOAuth2TokenCache"/> shared by several
/// instances: the stored token when it is still fresh, else one fetched by this instance under the
/// cache's lock (after looking again: another instance may have fetched while this one waited), stored
/// for the others. The cache failing never fails the fetch: this instance then fetches on its own.
/// </summary>
/// <remarks>Knows nothing of the callers waiting for the token; the provider shares one fetch between them.</remarks>
internal sealed class SharedTokenFetch(IOAuth2TokenCache cache, string key, TimeProvider timeProvider)
{
    /// <summary>Gets the cache's key for the provider's credentials.</summary>
    public string Key => key;

    /// <summary>Returns a fresh token from the cache, or fetches one with <paramref name="fetch"/> and stores it.</summary>
    /// <param name="fetch">Requests a token from the token endpoint.</param>
    /// <param name="cancellationToken">Cancels the whole fetch (every waiter gave up).</param>
    public async Task<OAuth2CachedToken> GetAsync(Func<CancellationToken, ValueTask<OAuth2CachedToken>> fetch, CancellationToken cancellationToken)
    {
        if (await TryGetFreshAsync(cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        IAsyncDisposable? fetchLock = null;
        try
        {
            try
            {
                fetchLock = await cache.AcquireFetchLockAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
            {
                // No lock to be had: fetch on our own, as the bounded wait would have in the end.
            }

            // Whether or not the lock came: whoever held it may have stored a token by now.
            if (await TryGetFreshAsync(cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }

            var token = await fetch(cancellationToken).ConfigureAwait(false);
            try
            {
                await cache.SetAsync(key, token, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
            {
                // The token is good; the others fetch their own until the cache is back.
            }

            return token;
        }
        finally
        {
            if (fetchLock is not null)
            {
                try
                {
                    await fetchLock.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (IsCacheFailure(exception, CancellationToken.None))
                {
                    // The lock expires on its own.
                }
            }
        }
    }

    /// <summary>Removes <paramref name="accessToken"/> from the cache if it is still the stored token; a cache failure is ignored.</summary>
    public async ValueTask InvalidateAsync(string accessToken, CancellationToken cancellationToken)
    {
        try
        {
            await cache.RemoveAsync(key, accessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            // The stored token is refreshed at its time anyway; meanwhile this instance fetches its own.
        }
    }

    private async ValueTask<OAuth2CachedToken?> TryGetFreshAsync(CancellationToken cancellationToken)
    {
        OAuth2CachedToken? token;
        try
        {
            token = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            return null;
        }

        // A token that HttpClient could not send (or that was altered at rest) counts as none.
        return token is not null && timeProvider.GetUtcNow() < token.RefreshAt && HttpHeaderRules.ValueProblem(token.AccessToken) is null ? token : null;
    }

    /// <summary>Any failure of the cache, but not the fetch being cancelled.</summary>
    private static bool IsCacheFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
