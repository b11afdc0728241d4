using System.Runtime.CompilerServices;
using System.Text;
using Polly;
using Polly.Retry;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Exact per-call allocations without sockets: the connector over an in-process handler that answers
/// a canned envelope after yielding once (so every stage completes asynchronously, as over a socket),
/// then bare Polly pipelines of the connector's shapes around a yielding callback, to tell which
/// strategy costs what. Nothing else runs in the process, so the figures repeat to the byte.
/// </summary>
public static class CannedAllocationProbe
{
    private static readonly byte[] Small = Encoding.UTF8.GetBytes("""{"data": {"id": 1001, "name": "Wing", "active": true}}""");

    public static async Task RunAsync()
    {
        await CannedEndpointScenarios.RunAsync();
        using var http = new HttpClient(new CannedHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var endpoint = ConnectorEndpoint.Get("wings/1001").Build();
        var baseAddress = new Uri("http://127.0.0.1:5000/api/v1/");
        (string Name, Action<ConnectorClientOptions> Configure)[] variants =
        [
            ("connector, pipeline off, no timeout", o => { o.Resilience.Enabled = false; o.Timeout = Timeout.InfiniteTimeSpan; }),
            ("connector, pipeline off", o => o.Resilience.Enabled = false),
            ("connector, retry only", o => o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan),
            ("connector, attempt timeout only", o => o.Resilience.MaxRetries = 0),
            ("connector, default", _ => { }),
            ("connector, Timeout 30 s = AttemptTimeout", o => o.Timeout = TimeSpan.FromSeconds(30)),

            // Polly pools its timeouts' CancellationTokenSources only on TimeProvider.System.
            ("connector, pipeline off, own TimeProvider", o => { o.Resilience.Enabled = false; o.TimeProvider = new OwnTime(); }),
            ("connector, default, own TimeProvider", o => o.TimeProvider = new OwnTime()),
        ];
        var results = new Dictionary<string, double>();
        foreach (var (name, configure) in variants)
        {
            var options = new ConnectorClientOptions { BaseAddress = baseAddress };
            configure(options);
            using var client = new ConnectorClient(http, options);
            results[name] = await MeasureAsync(name, async () => _ = await client.SendAsync(endpoint, BenchmarkJsonContext.Default.Wing));
        }

        Console.WriteLine($"{"default over pipeline off",-40} {results["connector, default"] - results["connector, pipeline off"],8:F0} B/call");
        Console.WriteLine();

        var total = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(100)).Build();
        var retry = new RetryStrategyOptions<int> { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true, ShouldHandle = static _ => ValueTask.FromResult(false) };
        var retryOnly = new ResiliencePipelineBuilder<int>().AddRetry(retry).Build();
        var attemptOnly = new ResiliencePipelineBuilder<int>().AddTimeout(TimeSpan.FromSeconds(30)).Build();
        var retryAttempt = new ResiliencePipelineBuilder<int>().AddRetry(retry).AddTimeout(TimeSpan.FromSeconds(30)).Build();
        var all = new ResiliencePipelineBuilder<int>().AddTimeout(TimeSpan.FromSeconds(100)).AddRetry(retry).AddTimeout(TimeSpan.FromSeconds(30)).Build();
        await MeasureAsync("polly: callback alone", () => Yielding(null!, 0).AsTask());
        await MeasureAsync("polly: empty pipeline", () => RunAsync(ResiliencePipeline<int>.Empty, static (c, s) => Yielding(c, s)));
        await MeasureAsync("polly: total timeout", () => RunAsync1(total, static (c, s) => Yielding(c, s)));
        await MeasureAsync("polly: retry", () => RunAsync(retryOnly, static (c, s) => Yielding(c, s)));
        await MeasureAsync("polly: attempt timeout", () => RunAsync(attemptOnly, static (c, s) => Yielding(c, s)));
        await MeasureAsync("polly: retry + attempt timeout", () => RunAsync(retryAttempt, static (c, s) => Yielding(c, s)));
        await MeasureAsync("polly: total (retry + attempt), nested", () => RunAsync1(total, (c, s) => Nested(c, s)));
        var fat = (new object(), new object(), new object(), new object());
        await MeasureAsync("polly: retry, 4-ref state", () => RunFatAsync(retryOnly, fat));
        await MeasureAsync("polly: attempt timeout, 4-ref state", () => RunFatAsync(attemptOnly, fat));
        await MeasureAsync("polly: total + retry + attempt, one", () => RunAsync(all, static (c, s) => Yielding(c, s)));

        async Task RunAsync<TOutcome>(ResiliencePipeline<TOutcome> pipeline, Func<ResilienceContext, int, ValueTask<Outcome<TOutcome>>> callback)
        {
            var context = ResilienceContextPool.Shared.Get();
            try
            {
                (await pipeline.ExecuteOutcomeAsync(callback, context, 0).ConfigureAwait(false)).ThrowIfException();
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        static async Task RunFatAsync<TState>(ResiliencePipeline<int> pipeline, TState state)
        {
            var context = ResilienceContextPool.Shared.Get();
            try
            {
                (await pipeline.ExecuteOutcomeAsync(static (c, s) => Yielding(c, 0), context, state).ConfigureAwait(false)).ThrowIfException();
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        async Task RunAsync1(ResiliencePipeline pipeline, Func<ResilienceContext, int, ValueTask<Outcome<int>>> callback)
        {
            var context = ResilienceContextPool.Shared.Get();
            try
            {
                (await pipeline.ExecuteOutcomeAsync(callback, context, 0).ConfigureAwait(false)).ThrowIfException();
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        async ValueTask<Outcome<int>> Nested(ResilienceContext context, int state) =>
            await retryAttempt.ExecuteOutcomeAsync(static (c, s) => Yielding(c, s), context, state).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<int>> Yielding(ResilienceContext context, int state)
    {
        await Task.Yield();
        return Outcome.FromResult(state);
    }

    private static Task<double> MeasureAsync(string name, Func<Task> call) => AllocationMeter.MeasureAsync(name, call, warmUp: 5_000, calls: 50_000);

    /// <summary>The system clock, but not <see cref="TimeProvider.System"/> itself.</summary>
    private sealed class OwnTime : TimeProvider;

    /// <summary>Answers every request with the small envelope, after yielding once.</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var content = new ByteArrayContent(Small);
            content.Headers.ContentType = new("application/json");
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
