using System.Collections.Concurrent;
using System.Diagnostics;

namespace CustomConnector.IntegrationTests;

/// <summary>Over a real socket, HttpClient's own per-attempt activities nest under the connector's one activity per call.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class CallActivityNestingTests(TestServerFixture servers)
{
    [Fact]
    public async Task SendAsync_RetriedCall_NestsEachHttpClientAttemptUnderTheCallsActivity()
    {
        var endpointName = $"nested-{Guid.NewGuid():N}";
        var answers = 0;
        var path = servers.Primary.Map(context => Interlocked.Increment(ref answers) == 1
            ? Reply.Status(503)(context)
            : Reply.Json(200, """{"data": {"id": 7, "name": "Wing"}}""")(context));
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ConnectorDiagnostics.ActivitySourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = servers.CreateClient(o =>
        {
            o.Resilience.MaxRetries = 1;
            o.Resilience.BaseDelay = TimeSpan.Zero;
            o.Resilience.MaxDelay = TimeSpan.Zero;
        });

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).WithName(endpointName).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        var call = Assert.Single(stopped, activity => Equals(activity.GetTagItem("customconnector.endpoint"), endpointName));
        Assert.Equal(ActivityKind.Client, call.Kind);
        Assert.Equal(2, call.GetTagItem("customconnector.attempts"));
        Assert.Equal(servers.Primary.BaseAddress.Port, call.GetTagItem("server.port"));
        var attempts = stopped.Where(activity => activity.Source.Name == "System.Net.Http" && activity.ParentSpanId == call.SpanId).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(call.TraceId, attempt.TraceId));
        Assert.All(attempts, attempt => Assert.True(attempt.StartTimeUtc >= call.StartTimeUtc && attempt.StartTimeUtc + attempt.Duration <= call.StartTimeUtc + call.Duration));
        Assert.Equal([503, 200], attempts.Select(attempt => attempt.GetTagItem("http.response.status_code")));
    }
}
