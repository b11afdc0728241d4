namespace CustomConnector.Redis.Tests;

/// <summary>
/// K = 4 host instances (processes) call one API protected by client credentials, sharing the token and a
/// sliding-window limit through Redis, which is killed and restarted in the middle.
/// </summary>
/// <remarks>
/// Tokens live 3 s and are refreshed 1 s before expiry, so one token serves a 2 s refresh window. The shared
/// limit is a sliding window of N = 30 calls per 3 s; during the outage each instance keeps N / K on its own.
/// RedisRateLimiting's sliding window keeps whole Unix seconds, so what it guarantees is N calls in any span of
/// the window less 1 s; spans are shortened by another 0.5 s for the time between taking a permit and the call
/// arriving. The counts asserted follow from that design, never from timings.
/// </remarks>
[Collection(RedisCollectionDefinition.Name)]
public sealed class MultiProcessTests(RedisServer server)
{
    private const int Instances = 4;
    private const int ExpiresIn = 3;
    private const int Limit = 30;
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Workers_ShareTokenAndLimitThroughRedisOutage_OneTokenPerWindowAtMostNCallsPerWindowNoFailure()
    {
        await using var api = await ProtectedApi.StartAsync(ExpiresIn);
        var workers = Enumerable.Range(0, Instances)
            .Select(_ => Worker.RunAsync(api, server.Configuration, seconds: 14, parallel: 3, Limit, Window, fallbackLimit: Limit / Instances))
            .ToList();

        // Kill Redis once the instances have run a few windows together, bring it back a few windows later.
        await api.CallsReached(40).WaitAsync(Bound);
        var killedAt = api.Now;
        var tokensBeforeKill = api.TokenRequests.Count;
        var firstToken = api.TokenRequests.Min();
        await server.KillAsync();
        try
        {
            await api.CallsReached(40 + 25).WaitAsync(Bound);
        }
        finally
        {
            await server.StartAsync();
        }

        var restartedAt = api.Now;
        var results = await Task.WhenAll(workers).WaitAsync(Bound);
        var calls = api.Calls.Order().ToList();
        var tokens = api.TokenRequests.Order().ToList();
        var report = $"tokens at {string.Join(", ", tokens.Select(t => t.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}; killed {killedAt.TotalSeconds:0.00}, restarted {restartedAt.TotalSeconds:0.00}; {calls.Count} calls; {string.Join("; ", results.Select(r => r.ToString()))}";

        // No call failed, none was refused for its token, and every instance saw the outage and said so once.
        Assert.True(results.All(r => r.Failed == 0), report);
        Assert.True(api.Rejected == 0, report);
        Assert.True(results.All(r => r.Warnings == 1), report);

        // One token request per refresh window while Redis is up: the first window's, then one per window.
        var windowsBeforeKill = (int)((killedAt - firstToken) / RefreshWindow) + 1;
        Assert.True(tokensBeforeKill <= windowsBeforeKill, $"{tokensBeforeKill} token requests in {windowsBeforeKill} windows before the outage; {report}");

        // After the outage each instance may hold its own token until its next refresh; then they share again.
        var settled = restartedAt + RefreshWindow + RefreshWindow;
        var end = calls[^1];
        var tokensAfter = tokens.Count(t => t > settled);
        Assert.True(tokensAfter <= (int)((end - settled) / RefreshWindow) + 1, $"{tokensAfter} token requests after {settled.TotalSeconds:0.00}; {report}");

        // Never more than N calls in any window while the shared limit holds (spans a bit shorter than the window,
        // for the time between taking a permit and the call arriving), away from the outage's edges.
        var span = Window - TimeSpan.FromMilliseconds(1500);
        for (var i = 0; i < calls.Count; i++)
        {
            var from = calls[i];
            var inOutageEdges = from > killedAt - Window && from < restartedAt + Window;
            if (inOutageEdges)
            {
                continue;
            }

            var inSpan = calls.Skip(i).TakeWhile(t => t < from + span).Count();
            Assert.True(inSpan <= Limit, $"{inSpan} calls in {span.TotalSeconds} s from {from.TotalSeconds:0.00}; {report}");
        }

        // And over the whole run, outage included: N per window, plus the instances' own limits during the outage.
        var windows = (int)Math.Ceiling((end - calls[0]) / Window) + 1;
        var outageWindows = (int)Math.Ceiling((restartedAt - killedAt) / Window) + 2;
        Assert.True(calls.Count <= (windows * Limit) + (outageWindows * Limit), report);
    }
}
