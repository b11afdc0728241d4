using CustomConnector.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Redis.Tests;

[Collection(RedisCollectionDefinition.Name)]
public sealed class RedisOAuth2TokenCacheTests(RedisServer server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private const string Key = "oauth2-cc:v1:abc";
    private const string Token = "tok-Secret-3f9a1c";

    [Fact]
    public async Task SetAsync_DataProtectionRegistered_StoresTheTokenProtectedAndReadsItBack()
    {
        var prefix = RedisTestConnection.NewPrefix();
        await using var connection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        var cache = new RedisOAuth2TokenCache(connection, new EphemeralDataProtectionProvider(), TimeProvider.System);

        await cache.SetAsync(Key, new OAuth2CachedToken(Token, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);
        var stored = await server.CommandAsync($"HGETALL {prefix}:{Key}");
        var read = await cache.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
        Assert.Contains(RedisOAuth2TokenCache.Fingerprint(Token), stored, StringComparison.Ordinal);
        Assert.Equal(Token, read?.AccessToken);
    }

    [Fact]
    public async Task SetAsync_NoDataProtection_StoresTheTokenAsIs()
    {
        // What the docs say: without Data Protection the access token is in Redis in clear.
        var prefix = RedisTestConnection.NewPrefix();
        await using var connection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        var cache = new RedisOAuth2TokenCache(connection, dataProtection: null, TimeProvider.System);

        await cache.SetAsync(Key, new OAuth2CachedToken(Token, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.Contains(Token, await server.CommandAsync($"HGETALL {prefix}:{Key}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ProtectedByAnotherKeyRing_IsAMissNotAnError()
    {
        var prefix = RedisTestConnection.NewPrefix();
        await using var writerConnection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        await using var readerConnection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        var writer = new RedisOAuth2TokenCache(writerConnection, new EphemeralDataProtectionProvider(), TimeProvider.System);
        var reader = new RedisOAuth2TokenCache(readerConnection, new EphemeralDataProtectionProvider(), TimeProvider.System);
        var plain = new RedisOAuth2TokenCache(readerConnection, dataProtection: null, TimeProvider.System);

        await writer.SetAsync(Key, new OAuth2CachedToken(Token, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.Null(await reader.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound));
        Assert.Null(await plain.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task RemoveAsync_ManyInstancesRemoveTheSameRefusedToken_OnlyOneRemovesIt()
    {
        var prefix = RedisTestConnection.NewPrefix();
        var connections = Enumerable.Range(0, 4).Select(_ => RedisTestConnection.Create(server, new RecordingLogger(), prefix)).ToList();
        var caches = connections.Select(c => new RedisOAuth2TokenCache(c, dataProtection: null, TimeProvider.System)).ToList();
        await caches[0].SetAsync(Key, new OAuth2CachedToken(Token, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);

        var removed = await Task.WhenAll(caches.Select(c => c.RemoveAsync(Key, Token, CancellationToken.None).AsTask())).WaitAsync(Bound);

        Assert.Equal(1, removed.Count(r => r));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task RemoveAsync_ANewerTokenIsStored_KeepsIt()
    {
        var prefix = RedisTestConnection.NewPrefix();
        await using var connection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        var cache = new RedisOAuth2TokenCache(connection, dataProtection: null, TimeProvider.System);
        await cache.SetAsync(Key, new OAuth2CachedToken("tok-newer", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.False(await cache.RemoveAsync(Key, Token, CancellationToken.None).AsTask().WaitAsync(Bound));
        Assert.Equal("tok-newer", (await cache.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound))?.AccessToken);
    }

    [Fact]
    public async Task AcquireFetchLockAsync_HeldByAnotherInstance_WaitsUntilItIsReleased()
    {
        var prefix = RedisTestConnection.NewPrefix();
        await using var first = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        await using var second = RedisTestConnection.Create(server, new RecordingLogger(), prefix, o => o.LockWait = TimeSpan.FromSeconds(15));
        var holder = new RedisOAuth2TokenCache(first, null, TimeProvider.System);
        var waiter = new RedisOAuth2TokenCache(second, null, TimeProvider.System);

        var held = await holder.AcquireFetchLockAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound);
        var waiting = waiter.AcquireFetchLockAsync(Key, CancellationToken.None).AsTask();
        var finishedEarly = waiting.IsCompleted;
        await held!.DisposeAsync();
        var acquired = await waiting.WaitAsync(Bound);

        Assert.False(finishedEarly);
        Assert.NotNull(acquired);
        await acquired.DisposeAsync();
    }

    [Fact]
    public async Task AcquireFetchLockAsync_NeverReleased_GivesUpAfterLockWait()
    {
        var prefix = RedisTestConnection.NewPrefix();
        await using var first = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        var log = new RecordingLogger();
        await using var second = RedisTestConnection.Create(server, log, prefix, o => o.LockWait = TimeSpan.FromMilliseconds(200));
        var holder = new RedisOAuth2TokenCache(first, null, TimeProvider.System);
        var waiter = new RedisOAuth2TokenCache(second, null, TimeProvider.System);
        await using var held = await holder.AcquireFetchLockAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound);

        var acquired = await waiter.AcquireFetchLockAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.NotNull(held);
        Assert.Null(acquired);
        Assert.Contains(log.Events, e => e.EventId == 402 && e.Message.Contains("timed_out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outage_CallsDuringIt_NeverThrowWarnOnceAndTheTokenIsWrittenBack()
    {
        var prefix = RedisTestConnection.NewPrefix();
        var log = new RecordingLogger();

        // The connection's clock is fake, so that the outage outlasts many probe intervals without waiting.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var connection = RedisTestConnection.Create(server, log, prefix, time: clock);
        var cache = new RedisOAuth2TokenCache(connection, null, TimeProvider.System);
        await cache.SetAsync(Key, new OAuth2CachedToken("tok-before", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);

        await server.KillAsync();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(2)); // a probe of Redis is due: it fails again, within the same outage
                Assert.Equal("tok-before", (await cache.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound))?.AccessToken);
            }

            // Fetched during the outage: used here, and written back later.
            await cache.SetAsync(Key, new OAuth2CachedToken("tok-during", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None).AsTask().WaitAsync(Bound);
            Assert.Equal("tok-during", (await cache.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound))?.AccessToken);
            Assert.Null(await cache.AcquireFetchLockAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound));
            Assert.False(await cache.RemoveAsync(Key, "tok-other", CancellationToken.None).AsTask().WaitAsync(Bound));
        }
        finally
        {
            await server.StartAsync();
        }

        await RedisTestConnection.WaitConnectedAsync(connection);
        var afterRestart = await cache.GetAsync(Key, CancellationToken.None).AsTask().WaitAsync(Bound); // Redis answers: the outage ends
        await log.WaitForAsync(404).WaitAsync(Bound);

        Assert.Equal(1, log.Count(410));
        Assert.Equal(1, log.Count(411));
        Assert.Null(afterRestart); // the restarted Redis was empty ...
        Assert.Contains("tok-during", await server.CommandAsync($"HGET {prefix}:{Key} v"), StringComparison.Ordinal); // ... until the write-back
        Assert.DoesNotContain(log.Events, e => e.Message.Contains("tok-", StringComparison.Ordinal));
    }
}
