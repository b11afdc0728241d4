using System.Diagnostics;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Time per successful small GET with the resilience pipeline off and on. The two alternate call
/// by call over one shared HttpClient, so that the loopback's drift over time (larger than what the
/// pipeline costs, and the reason separate BenchmarkDotNet processes disagree) hits both alike.
/// </summary>
public static class PipelineOverheadProbe
{
    public static async Task RunAsync()
    {
        await using var api = await LoopbackApi.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        using var off = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = api.BaseAddress, Resilience = { Enabled = false } });
        using var on = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = api.BaseAddress });
        var endpoint = ConnectorEndpoint.Get("wings/1001").Build();

        const int Pairs = 20_000;
        await MeasureAsync(off, on, endpoint, 2_000);
        for (var repetition = 1; repetition <= 5; repetition++)
        {
            var (offTime, onTime) = await MeasureAsync(off, on, endpoint, Pairs);
            Console.WriteLine($"round {repetition}: off {offTime / Pairs * 1e6:F2} us, on {onTime / Pairs * 1e6:F2} us, on/off {onTime / offTime:F3}");
        }
    }

    private static async Task<(double Off, double On)> MeasureAsync(ConnectorClient off, ConnectorClient on, IConnectorEndpoint endpoint, int pairs)
    {
        long offTicks = 0;
        long onTicks = 0;
        for (var i = 0; i < pairs; i++)
        {
            // Alternate which goes first, so that neither always follows the other.
            var (first, second) = i % 2 == 0 ? (off, on) : (on, off);
            var start = Stopwatch.GetTimestamp();
            _ = await first.SendAsync(endpoint, BenchmarkJsonContext.Default.Wing);
            var middle = Stopwatch.GetTimestamp();
            _ = await second.SendAsync(endpoint, BenchmarkJsonContext.Default.Wing);
            var end = Stopwatch.GetTimestamp();
            if (ReferenceEquals(first, off))
            {
                offTicks += middle - start;
                onTicks += end - middle;
            }
            else
            {
                onTicks += middle - start;
                offTicks += end - middle;
            }
        }

        return ((double)offTicks / Stopwatch.Frequency, (double)onTicks / Stopwatch.Frequency);
    }
}
