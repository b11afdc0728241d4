using System.Net.Http.Json;

namespace CustomConnector.Benchmarks;

/// <summary>A quick per-call allocation comparison (GC.GetTotalAllocatedBytes over many calls), for finding where bytes go.</summary>
public static class AllocationProbe
{
    public static async Task RunAsync()
    {
        await using var api = await LoopbackApi.StartAsync();
        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var endpoint = ConnectorEndpoint.Get("wings/1001").Build();
        await MeasureAsync("raw HttpClient + ReadFromJsonAsync", async () =>
        {
            using var response = await raw.GetAsync("wings/1001", HttpCompletionOption.ResponseHeadersRead);
            _ = await response.Content.ReadFromJsonAsync(BenchmarkJsonContext.Default.WingEnvelope);
        });

        (string Name, Action<ConnectorClientOptions> Configure)[] variants =
        [
            ("connector, pipeline off, no timeout", o => { o.Resilience.Enabled = false; o.Timeout = Timeout.InfiniteTimeSpan; }),
            ("connector, pipeline off", o => o.Resilience.Enabled = false),
            ("connector, retry only", o => o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan),
            ("connector, attempt timeout only", o => o.Resilience.MaxRetries = 0),
            ("connector, default", _ => { }),
        ];
        foreach (var (name, configure) in variants)
        {
            var options = new ConnectorClientOptions { BaseAddress = api.BaseAddress };
            configure(options);
            using var client = new ConnectorClient(options);
            await MeasureAsync(name, async () => _ = await client.SendAsync(endpoint, BenchmarkJsonContext.Default.Wing));
        }
    }

    private static Task<double> MeasureAsync(string name, Func<Task> call) => AllocationMeter.MeasureAsync(name, call, warmUp: 2_000, calls: 20_000);
}
