using CustomConnector.Internal;

namespace CustomConnector.Redis.Tests;

[Collection(RedisCollectionDefinition.Name)]
public sealed class RedisConnectorRateLimiterTests(RedisServer server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(RedisRateLimitKind.FixedWindow)]
    [InlineData(RedisRateLimitKind.SlidingWindow)]
    [InlineData(RedisRateLimitKind.TokenBucket)]
    public async Task AcquireAsync_TwoInstancesShareOneLimit_GrantPermitLimitTogether(RedisRateLimitKind kind)
    {
        // A window far longer than the test: every attempt falls in the first one, whatever the machine's speed.
        var prefix = RedisTestConnection.NewPrefix();
        var options = new RedisRateLimitOptions { Kind = kind, PermitLimit = 5, Window = TimeSpan.FromMinutes(5), QueueLimit = 0 };
        await using var a = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        await using var b = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        using var first = new RedisConnectorRateLimiter(a, options, TimeProvider.System);
        using var second = new RedisConnectorRateLimiter(b, options, TimeProvider.System);

        var leases = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).AcquireAsync(1).AsTask())).WaitAsync(Bound);

        Assert.Equal(5, leases.Count(lease => lease.IsAcquired));
    }

    [Fact]
    public async Task AcquireAsync_WindowSpent_WaitsForTheNextWindowInsteadOfFailing()
    {
        var prefix = RedisTestConnection.NewPrefix();
        var options = new RedisRateLimitOptions { Kind = RedisRateLimitKind.FixedWindow, PermitLimit = 2, Window = TimeSpan.FromMilliseconds(500), QueueLimit = 10 };
        await using var connection = RedisTestConnection.Create(server, new RecordingLogger(), prefix);
        using var limiter = new RedisConnectorRateLimiter(connection, options, TimeProvider.System);

        var leases = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(1).AsTask())).WaitAsync(Bound);

        Assert.All(leases, lease => Assert.True(lease.IsAcquired));
    }

    [Fact]
    public async Task AcquireAsync_RedisDown_FallsBackToTheLocalLimitAndWarnsOnce()
    {
        var prefix = RedisTestConnection.NewPrefix();
        var log = new RecordingLogger();
        var options = new RedisRateLimitOptions { PermitLimit = 100, FallbackPermitLimit = 3, Window = TimeSpan.FromMinutes(5), QueueLimit = 0 };
        await using var connection = RedisTestConnection.Create(server, log, prefix);
        using var limiter = new RedisConnectorRateLimiter(connection, options, TimeProvider.System);
        Assert.True((await limiter.AcquireAsync(1).AsTask().WaitAsync(Bound)).IsAcquired);

        await server.KillAsync();
        List<bool> granted = [];
        try
        {
            for (var i = 0; i < 6; i++)
            {
                granted.Add((await limiter.AcquireAsync(1).AsTask().WaitAsync(Bound)).IsAcquired);
            }
        }
        finally
        {
            await server.StartAsync();
        }

        await RedisTestConnection.WaitConnectedAsync(connection);
        var afterRestart = await limiter.AcquireAsync(1).AsTask().WaitAsync(Bound);

        Assert.Equal([true, true, true, false, false, false], granted);
        Assert.True(afterRestart.IsAcquired); // the shared limit again (the local one is spent)
        Assert.Equal(1, log.Count(410));
        Assert.Equal(1, log.Count(411));
    }
}
