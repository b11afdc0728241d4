using System.Diagnostics;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Time per successful small GET with the resilience pipeline off and on, measured in alternating
/// rounds in one process so that the loopback's drift over time hits both alike (separate
/// BenchmarkDotNet processes differ by more than the pipeline costs).
/// </summary>
public static class PipelineOverheadProbe
{
    public static async Task RunAsync()
    {
        await using var api = await LoopbackApi.StartAsync();
        // One HttpClient for both, so that the two differ only in the pipeline, not in their connections.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        using var off = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = api.BaseAddress, Resilience = { Enabled = false } });
        using var on = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = api.BaseAddress });
        var endpoint = ConnectorEndpoint.Get("wings/1001").Build();

        const int Calls = 1_000;
        const int Rounds = 41;
        var offTimes = new List<double>();
        var onTimes = new List<double>();
        await RoundAsync(off, endpoint, Calls);
        await RoundAsync(on, endpoint, Calls);
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which goes first, so that neither always follows the other.
            if (round % 2 == 0)
            {
                offTimes.Add(await RoundAsync(off, endpoint, Calls));
                onTimes.Add(await RoundAsync(on, endpoint, Calls));
            }
            else
            {
                onTimes.Add(await RoundAsync(on, endpoint, Calls));
                offTimes.Add(await RoundAsync(off, endpoint, Calls));
            }
        }

        var offMedian = Median(offTimes);
        var onMedian = Median(onTimes);
        Console.WriteLine($"pipeline off: {offMedian:F2} us/call (median of {Rounds} rounds of {Calls})");
        Console.WriteLine($"pipeline on:  {onMedian:F2} us/call");
        Console.WriteLine($"ratio on/off: {onMedian / offMedian:F3}");
    }

    private static async Task<double> RoundAsync(ConnectorClient client, IConnectorEndpoint endpoint, int calls)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            _ = await client.SendAsync(endpoint, BenchmarkJsonContext.Default.Wing);
        }

        return watch.Elapsed.TotalMicroseconds / calls;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
