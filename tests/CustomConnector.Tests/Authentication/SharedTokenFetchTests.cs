using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Tests.Authentication;

/// <summary>Providers (standing for host instances) sharing tokens through an <see cref="IOAuth2TokenCache"/>.</summary>
public sealed class SharedTokenFetchTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ApplyAsync_ManyProvidersOneCache_FetchOneTokenPerLifetime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var endpoint = new TokenEndpoint(expiresIn: 100);
        var cache = new MemoryTokenCache();
        var providers = Enumerable.Range(0, 4).Select(_ => Provider(endpoint, cache, time)).ToList();

        for (var lifetime = 0; lifetime < 3; lifetime++)
        {
            await Task.WhenAll(providers.Select(p => ApplyAsync(p))).WaitAsync(HangGuard);
            time.Advance(TimeSpan.FromSeconds(71)); // past the refresh time (100 s less the 30 s margin)
        }

        Assert.Equal(3, endpoint.Requests);
        Assert.Equal(3, cache.Sets);
    }

    [Fact]
    public async Task ApplyAsync_TwoProvidersWithoutCache_FetchOneTokenEach()
    {
        var time = new FakeTimeProvider();
        var endpoint = new TokenEndpoint(expiresIn: 100);
        var providers = Enumerable.Range(0, 2).Select(_ => Provider(endpoint, cache: null, time)).ToList();

        await Task.WhenAll(providers.Select(p => ApplyAsync(p))).WaitAsync(HangGuard);

        Assert.Equal(2, endpoint.Requests);
    }

    [Fact]
    public async Task ApplyAsync_CacheFailsEverywhere_StillGetsATokenWithoutError()
    {
        var endpoint = new TokenEndpoint(expiresIn: 100);
        var provider = Provider(endpoint, new FailingTokenCache(), new FakeTimeProvider());

        var header = await ApplyAsync(provider).WaitAsync(HangGuard);

        Assert.Equal("Bearer token-1", header);
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public async Task ApplyAsync_CachedTokenThatCannotBeSent_IsIgnoredAndReplaced()
    {
        var endpoint = new TokenEndpoint(expiresIn: 100);
        var cache = new MemoryTokenCache();
        var time = new FakeTimeProvider();
        var provider = Provider(endpoint, cache, time);
        await cache.SetAsync(KeyOf(cache, provider), new OAuth2CachedToken("bad\r\ntoken", time.GetUtcNow().AddHours(1)), CancellationToken.None);

        var header = await ApplyAsync(provider).WaitAsync(HangGuard);

        Assert.Equal("Bearer token-1", header);
    }

    [Fact]
    public async Task InvalidateAsync_ManyProvidersRefusedTheSameToken_RemoveItOnce()
    {
        var time = new FakeTimeProvider();
        var endpoint = new TokenEndpoint(expiresIn: 3600);
        var cache = new MemoryTokenCache();
        var providers = Enumerable.Range(0, 4).Select(_ => Provider(endpoint, cache, time)).ToList();
        var requests = new List<HttpRequestMessage>();
        foreach (var provider in providers)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");
            await provider.ApplyAsync(request, CancellationToken.None).AsTask().WaitAsync(HangGuard);
            requests.Add(request);
        }

        for (var i = 0; i < providers.Count; i++)
        {
            Assert.True(await providers[i].InvalidateAsync(requests[i], CancellationToken.None).AsTask().WaitAsync(HangGuard));
        }

        var headers = await Task.WhenAll(providers.Select(p => ApplyAsync(p))).WaitAsync(HangGuard);

        Assert.Equal(1, cache.Removals);
        Assert.Equal(2, endpoint.Requests); // the first token, then one replacement for all four
        Assert.All(headers, header => Assert.Equal("Bearer token-2", header));
    }

    [Fact]
    public void ToString_CachedToken_HidesTheToken()
    {
        var token = new OAuth2CachedToken("very-secret-token", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("very-secret-token", token.ToString(), StringComparison.Ordinal);
    }

    private static string KeyOf(MemoryTokenCache cache, OAuth2ClientCredentialsProvider provider)
    {
        // The key is the provider's; learn it from the first lookup.
        _ = ApplyAsync(provider).Result;
        var key = Assert.Single(cache.Keys);
        cache.Clear();
        return key;
    }

    private static async Task<string> ApplyAsync(OAuth2ClientCredentialsProvider provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");
        await provider.ApplyAsync(request, CancellationToken.None);
        return request.Headers.Authorization!.ToString();
    }

    private static OAuth2ClientCredentialsProvider Provider(TokenEndpoint endpoint, IOAuth2TokenCache? cache, TimeProvider time)
    {
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = new Uri("https://auth.test/token"),
            ClientId = "client",
            ClientSecret = "secret-that-stays-home",
            TokenCache = cache,
        };
        options.TokenParameters["tenant"] = "contoso";
        return new OAuth2ClientCredentialsProvider(options, new HttpClient(endpoint, disposeHandler: false), time);
    }

    private sealed class TokenEndpoint(int expiresIn) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"access_token":"token-{{n}}","token_type":"Bearer","expires_in":{{expiresIn}}}""", Encoding.UTF8, "application/json"),
            });
        }
    }

    /// <summary>A shared cache in memory, with a lock that one caller holds at a time.</summary>
    private sealed class MemoryTokenCache : IOAuth2TokenCache, IDisposable
    {
        private readonly ConcurrentDictionary<string, OAuth2CachedToken> _tokens = new();
        private readonly SemaphoreSlim _lock = new(1, 1);
        private int _sets;
        private int _removals;

        public int Sets => Volatile.Read(ref _sets);

        public int Removals => Volatile.Read(ref _removals);

        public ICollection<string> Keys => _tokens.Keys;

        public void Clear() => _tokens.Clear();

        public void Dispose() => _lock.Dispose();

        public ValueTask<OAuth2CachedToken?> GetAsync(string key, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_tokens.TryGetValue(key, out var token) ? token : null);

        public ValueTask SetAsync(string key, OAuth2CachedToken token, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sets);
            _tokens[key] = token;
            return default;
        }

        public ValueTask<bool> RemoveAsync(string key, string accessToken, CancellationToken cancellationToken)
        {
            if (_tokens.TryGetValue(key, out var token) && token.AccessToken == accessToken
                && ((ICollection<KeyValuePair<string, OAuth2CachedToken>>)_tokens).Remove(new(key, token)))
            {
                Interlocked.Increment(ref _removals);
                return ValueTask.FromResult(true);
            }

            return ValueTask.FromResult(false);
        }

        public async ValueTask<IAsyncDisposable?> AcquireFetchLockAsync(string key, CancellationToken cancellationToken)
        {
            await _lock.WaitAsync(cancellationToken);
            return new Release(_lock);
        }

        private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                semaphore.Release();
                return default;
            }
        }
    }

    private sealed class FailingTokenCache : IOAuth2TokenCache
    {
        public ValueTask<OAuth2CachedToken?> GetAsync(string key, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");

        public ValueTask SetAsync(string key, OAuth2CachedToken token, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");

        public ValueTask<bool> RemoveAsync(string key, string accessToken, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");

        public ValueTask<IAsyncDisposable?> AcquireFetchLockAsync(string key, CancellationToken cancellationToken) => throw new InvalidOperationException("cache down");
    }
}
