using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace CustomConnector.Internal;

/// <summary>
/// An <see cref="IOAuth2TokenCache"/> in Redis (StackExchange.Redis directly: HybridCache has no
/// cross-instance lock and no compare-and-delete), with an in-process copy that answers while Redis is
/// unreachable. A token stored during an outage is written back when Redis answers again, unless another
/// instance stored one meanwhile.
/// </summary>
/// <remarks>
/// Each token is a Redis hash under <c>{prefix}:{key}</c>: <c>v</c> the access token (protected with
/// <see cref="IDataProtector"/> when the host registers Data Protection, else as is), <c>p</c> whether it
/// is protected, <c>f</c> a SHA-256 of the token (for compare-and-delete), <c>r</c> when it is refreshed
/// (Unix milliseconds). The hash expires at that time. The lock is <c>{prefix}:{key}:lock</c> (SET NX PX).
/// </remarks>
internal sealed class RedisOAuth2TokenCache : IOAuth2TokenCache
{
    private const string LocalStore = "local";
    private const string RedisStore = "redis";

    // KEYS[1] token hash; ARGV[1] fingerprint. Deletes only the token that was refused.
    private const string CompareAndDelete = "if redis.call('HGET', KEYS[1], 'f') == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    // KEYS[1] lock; ARGV[1] owner. Releases only our own lock (it may have expired and been taken since).
    private const string ReleaseLock = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    // KEYS[1] token hash; ARGV v p f r expiry-ms. Writes back only where no instance stored a token meanwhile.
    private const string SetIfAbsent = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end redis.call('HSET', KEYS[1], 'v', ARGV[1], 'p', ARGV[2], 'f', ARGV[3], 'r', ARGV[4]) redis.call('PEXPIREAT', KEYS[1], ARGV[5]) return 1";

    private static readonly RedisValue[] Fields = ["v", "p", "f", "r"];

    private readonly RedisConnection _connection;
    private readonly IDataProtector? _protector;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, OAuth2CachedToken> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OAuth2CachedToken> _writeBack = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, object?> _connectorTag;

    public RedisOAuth2TokenCache(RedisConnection connection, IDataProtectionProvider? dataProtection, TimeProvider timeProvider)
    {
        _connection = connection;
        _protector = dataProtection?.CreateProtector("CustomConnector.Redis.OAuth2Token.v1");
        _timeProvider = timeProvider;
        _connectorTag = new(RedisTelemetry.ConnectorTag, connection.ConnectorName);
        connection.Recovered += () => _ = WriteBackAsync();
    }

    /// <summary>Gets a value indicating whether tokens are protected at rest.</summary>
    public bool ProtectsTokens => _protector is not null;

    public async ValueTask<OAuth2CachedToken?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (await _connection.TryGetAsync().ConfigureAwait(false) is { } redis)
        {
            try
            {
                var values = await _connection.RunAsync(redis.GetDatabase().HashGetAsync(TokenKey(key), Fields), cancellationToken).ConfigureAwait(false);
                var token = Read(values);
                Count(token is not null, RedisStore);
                if (token is not null)
                {
                    _local[key] = token;
                }

                return token;
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, cancellationToken))
            {
                _connection.ReportFailure(exception);
            }
        }

        var local = _local.TryGetValue(key, out var stored) && _timeProvider.GetUtcNow() < stored.RefreshAt ? stored : null;
        Count(local is not null, LocalStore);
        return local;
    }

    public async ValueTask SetAsync(string key, OAuth2CachedToken token, CancellationToken cancellationToken)
    {
        _local[key] = token;
        if (await _connection.TryGetAsync().ConfigureAwait(false) is { } redis)
        {
            try
            {
                var (value, isProtected, fingerprint, refreshAt, expireAt) = Write(token);
                var database = redis.GetDatabase();
                var transaction = database.CreateTransaction();
                _ = transaction.HashSetAsync(TokenKey(key), [new("v", value), new("p", isProtected), new("f", fingerprint), new("r", refreshAt)]);
                _ = transaction.KeyExpireAsync(TokenKey(key), expireAt.UtcDateTime);
                await _connection.RunAsync(transaction.ExecuteAsync(), cancellationToken).ConfigureAwait(false);
                _writeBack.TryRemove(key, out _);
                RedisLog.TokenStored(_connection.Logger, _connection.ConnectorName, RedisStore, token.RefreshAt);
                return;
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, cancellationToken))
            {
                _connection.ReportFailure(exception);
            }
        }

        // Nothing is lost: the token is used here now, and written back when Redis answers again.
        _writeBack[key] = token;
        RedisLog.TokenStored(_connection.Logger, _connection.ConnectorName, LocalStore, token.RefreshAt);
    }

    public async ValueTask<bool> RemoveAsync(string key, string accessToken, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(accessToken);
        var removedLocally = false;
        if (_local.TryGetValue(key, out var local) && local.AccessToken == accessToken)
        {
            removedLocally = ((ICollection<KeyValuePair<string, OAuth2CachedToken>>)_local).Remove(new(key, local));
            ((ICollection<KeyValuePair<string, OAuth2CachedToken>>)_writeBack).Remove(new(key, local));
        }

        if (await _connection.TryGetAsync().ConfigureAwait(false) is { } redis)
        {
            try
            {
                var result = await _connection.RunAsync(redis.GetDatabase().ScriptEvaluateAsync(CompareAndDelete, [TokenKey(key)], [fingerprint]), cancellationToken).ConfigureAwait(false);
                var removed = (long)result == 1;
                RedisLog.TokenInvalidated(_connection.Logger, _connection.ConnectorName, removed);
                return removed;
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, cancellationToken))
            {
                _connection.ReportFailure(exception);
            }
        }

        return removedLocally;
    }

    public async ValueTask<IAsyncDisposable?> AcquireFetchLockAsync(string key, CancellationToken cancellationToken)
    {
        var options = _connection.Options;
        var owner = Guid.NewGuid().ToString("N");
        var started = _timeProvider.GetTimestamp();
        var waited = false;
        while (true)
        {
            if (await _connection.TryGetAsync().ConfigureAwait(false) is not { } redis)
            {
                // Redis unreachable: this instance fetches on its own (the provider already shares one fetch in-process).
                return EndWait(waited, started, "redis_unavailable", null);
            }

            try
            {
                var database = redis.GetDatabase();
                if (await _connection.RunAsync(database.StringSetAsync(LockKey(key), owner, options.LockLease, When.NotExists), cancellationToken).ConfigureAwait(false))
                {
                    return EndWait(waited, started, "acquired", new Lock(this, redis, LockKey(key), owner));
                }

                // Another instance is fetching; its token may already be there.
                waited = true;
                if (await _connection.RunAsync(database.KeyExistsAsync(TokenKey(key)), cancellationToken).ConfigureAwait(false))
                {
                    return EndWait(waited, started, "token_stored", null);
                }
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, cancellationToken))
            {
                _connection.ReportFailure(exception);
                return EndWait(waited, started, "redis_unavailable", null);
            }

            if (_timeProvider.GetElapsedTime(started) >= options.LockWait)
            {
                return EndWait(waited, started, "timed_out", null);
            }

            await Task.Delay(RedisDefaults.LockPoll, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes back the tokens stored during an outage, where no other instance stored one meanwhile.</summary>
    internal async Task WriteBackAsync()
    {
        foreach (var (key, token) in _writeBack)
        {
            if (_timeProvider.GetUtcNow() >= token.RefreshAt)
            {
                ((ICollection<KeyValuePair<string, OAuth2CachedToken>>)_writeBack).Remove(new(key, token));
                continue;
            }

            if (await _connection.TryGetAsync().ConfigureAwait(false) is not { } redis)
            {
                return;
            }

            try
            {
                var (value, isProtected, fingerprint, refreshAt, expireAt) = Write(token);
                var expireMs = expireAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                await _connection.RunAsync(redis.GetDatabase().ScriptEvaluateAsync(SetIfAbsent, [TokenKey(key)], [value, isProtected, fingerprint, refreshAt, expireMs]), CancellationToken.None).ConfigureAwait(false);
                ((ICollection<KeyValuePair<string, OAuth2CachedToken>>)_writeBack).Remove(new(key, token));
                RedisLog.TokenWrittenBack(_connection.Logger, _connection.ConnectorName);
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, CancellationToken.None))
            {
                _connection.ReportFailure(exception);
                return;
            }
        }
    }

    internal static string Fingerprint(string accessToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));

    private IAsyncDisposable? EndWait(bool waited, long started, string result, IAsyncDisposable? fetchLock)
    {
        if (waited)
        {
            RedisTelemetry.LockWaits.Add(1, _connectorTag, new(RedisTelemetry.ResultTag, result));
            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            RedisLog.TokenLockWait(_connection.Logger, _connection.ConnectorName, elapsedMs, result);
        }

        return fetchLock;
    }

    private void Count(bool hit, string store)
    {
        var tag = new KeyValuePair<string, object?>(RedisTelemetry.StoreTag, store);
        if (hit)
        {
            RedisTelemetry.Hits.Add(1, _connectorTag, tag);
            RedisLog.TokenCacheHit(_connection.Logger, _connection.ConnectorName, store);
        }
        else
        {
            RedisTelemetry.Misses.Add(1, _connectorTag, tag);
            RedisLog.TokenCacheMiss(_connection.Logger, _connection.ConnectorName, store);
        }
    }

    private OAuth2CachedToken? Read(RedisValue[] values)
    {
        if (values.Length != 4 || values[0].IsNull || values[3].IsNull || !long.TryParse((string?)values[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var refreshMs))
        {
            return null;
        }

        var isProtected = (string?)values[1] == "1";
        string accessToken;
        if (isProtected != _protector is not null)
        {
            // Protected by an instance with Data Protection, read by one without (or the other way round): fetch anew.
            RedisLog.TokenUnreadable(_connection.Logger, _connection.ConnectorName, isProtected ? "protected, and Data Protection is not registered here" : "unprotected, and Data Protection is registered here");
            return null;
        }

        try
        {
            accessToken = _protector is null ? (string)values[0]! : _protector.Unprotect((string)values[0]!);
        }
        catch (CryptographicException)
        {
            RedisLog.TokenUnreadable(_connection.Logger, _connection.ConnectorName, "Data Protection could not unprotect it; is the key ring shared by every instance?");
            return null;
        }

        var refreshAt = refreshMs == long.MaxValue ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeMilliseconds(refreshMs);
        return accessToken.Length > 0 && _timeProvider.GetUtcNow() < refreshAt ? new OAuth2CachedToken(accessToken, refreshAt) : null;
    }

    private (string Value, string IsProtected, string Fingerprint, long RefreshAt, DateTimeOffset ExpireAt) Write(OAuth2CachedToken token)
    {
        var value = _protector is null ? token.AccessToken : _protector.Protect(token.AccessToken);
        var now = _timeProvider.GetUtcNow();
        var expireAt = token.RefreshAt == DateTimeOffset.MaxValue || token.RefreshAt - now > RedisDefaults.MaxTokenTtl ? now + RedisDefaults.MaxTokenTtl : token.RefreshAt;
        var refreshAt = token.RefreshAt == DateTimeOffset.MaxValue ? long.MaxValue : token.RefreshAt.ToUnixTimeMilliseconds();
        return (value, _protector is null ? "0" : "1", Fingerprint(token.AccessToken), refreshAt, expireAt);
    }

    private RedisKey TokenKey(string key) => $"{_connection.Options.KeyPrefix}:{key}";

    private RedisKey LockKey(string key) => $"{_connection.Options.KeyPrefix}:{key}:lock";

    [DebuggerDisplay("Fetch lock")]
    private sealed class Lock(RedisOAuth2TokenCache cache, IConnectionMultiplexer redis, RedisKey key, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await cache._connection.RunAsync(redis.GetDatabase().ScriptEvaluateAsync(ReleaseLock, [key], [owner]), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (RedisConnection.IsRedisFailure(exception, CancellationToken.None))
            {
                // It expires after its lease.
                cache._connection.ReportFailure(exception);
            }
        }
    }
}
