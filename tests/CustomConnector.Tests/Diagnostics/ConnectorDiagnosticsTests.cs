using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace CustomConnector.Tests.Diagnostics;

public sealed class ConnectorDiagnosticsTests
{
    [Fact]
    public async Task SendAsync_TracedCall_RecordsOneClientActivityWithRedactedUriAndNoCredentials()
    {
        var name = $"traced-{Guid.NewGuid():N}";
        var activities = new ConcurrentQueue<Activity>();
        using var listener = Listen(activities, name);
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "404", "description": "no wing"}}""", new ConnectorClientOptions
        {
            Authentication = new ApiKeyProvider("X-Api-Key", "header-secret"),
        }, HttpStatusCode.NotFound);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7?api_key=query-secret&page=2").WithName(name).Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        var activity = Assert.Single(activities);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal($"GET {name}", activity.DisplayName);
        Assert.Equal("GET", activity.GetTagItem("http.request.method"));
        Assert.Equal(404, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(1, activity.GetTagItem("customconnector.attempts"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        var url = Assert.IsType<string>(activity.GetTagItem("url.full"));
        Assert.Contains("page=2", url, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", url, StringComparison.Ordinal);
        Assert.All(activity.TagObjects, tag => Assert.DoesNotContain("secret", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_RetriedCall_CountsEachRetryAndRecordsOneDuration()
    {
        var name = $"metered-{Guid.NewGuid():N}";
        var durations = new ConcurrentQueue<(double Value, KeyValuePair<string, object?>[] Tags)>();
        var retries = new ConcurrentQueue<KeyValuePair<string, object?>[]>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConnectorDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "customconnector.client.call.duration" && Has(tags, name))
            {
                durations.Enqueue((value, tags.ToArray()));
            }
        });
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (instrument.Name == "customconnector.client.retries" && Has(tags, name))
            {
                retries.Enqueue(tags.ToArray());
            }
        });
        meters.Start();
        var answers = 0;
        var options = new ConnectorClientOptions { Resilience = { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero } };
        using var connector = new TestConnector(
            _ => Interlocked.Increment(ref answers) <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : TestConnector.Json(HttpStatusCode.OK, """{"data": {"id": 1, "name": "Wing"}}"""),
            options,
            retries: true);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/1").WithName(name).Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsData);
        Assert.Equal(2, retries.Count);
        Assert.All(retries, tags => Assert.Contains(new KeyValuePair<string, object?>("error.type", "503"), tags));
        var duration = Assert.Single(durations);
        Assert.True(duration.Value >= 0);
        Assert.Contains(new KeyValuePair<string, object?>("http.response.status_code", 200), duration.Tags);
    }

    private static bool Has(ReadOnlySpan<KeyValuePair<string, object?>> tags, string endpoint)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "customconnector.endpoint" && Equals(tag.Value, endpoint))
            {
                return true;
            }
        }

        return false;
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> activities, string endpoint)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("customconnector.endpoint"), endpoint))
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
