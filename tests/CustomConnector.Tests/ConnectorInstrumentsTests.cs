using System.Diagnostics.Metrics;
using System.Net;
using CustomConnector.Internal;
using CustomConnector.Tests.Diagnostics;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests;

/// <summary>The library's instruments: values and tags of what a call records, and whose meter they are on.</summary>
public sealed class ConnectorInstrumentsTests
{
    [Fact]
    public async Task CallDuration_DataResult_RecordsOnceWithTheCallsTags()
    {
        using var capture = new TelemetryCapture("getWing");
        var time = new WatchedTime();
        using var api = new ScriptedApi(_ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return ScriptedApi.Data();
        });
        using var client = api.CreateClient(time, o => capture.Wire(o));

        await client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing);

        var measurement = Assert.Single(capture.Durations.GetMeasurementSnapshot());
        Assert.Equal(0.25, measurement.Value, 6);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["customconnector.endpoint"] = "getWing",
                ["http.request.method"] = "GET",
                ["http.response.status_code"] = 200,
                ["customconnector.result"] = "data",
            },
            measurement.Tags.ToDictionary());
        Assert.Equal("s", capture.Durations.Instrument!.Unit);
    }

    [Fact]
    public async Task CallDuration_ErrorResultAndException_TagTheErrorType()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = new ScriptedApi(number => number == 1
            ? ScriptedApi.Status(HttpStatusCode.NotFound)
            : throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)"));
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o).Resilience.MaxRetries = 0);

        await client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing);
        await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing));

        var measurements = capture.Durations.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal("404", measurements[0].Tags["error.type"]);
        Assert.Equal("error", measurements[0].Tags["customconnector.result"]);
        Assert.Equal(404, measurements[0].Tags["http.response.status_code"]);
        Assert.Equal("CustomConnector.ConnectorException", measurements[1].Tags["error.type"]);
        Assert.False(measurements[1].Tags.ContainsKey("customconnector.result"));
        Assert.False(measurements[1].Tags.ContainsKey("http.response.status_code"));
    }

    [Fact]
    public async Task Retries_RetriedCall_CountsEachRetryWithItsReason()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout);
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            capture.Wire(o);
            o.Resilience.BaseDelay = TimeSpan.Zero;
            o.Resilience.MaxDelay = TimeSpan.Zero;
        });

        await client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        var retries = capture.Retries.GetMeasurementSnapshot();
        Assert.Equal([1L, 1L], retries.Select(m => m.Value));
        Assert.Equal(["503", "504"], retries.Select(m => m.Tags["error.type"]));
        Assert.All(retries, m => Assert.Equal("getWing", m.Tags["customconnector.endpoint"]));
        Assert.All(retries, m => Assert.Equal("GET", m.Tags["http.request.method"]));
        Assert.Equal(3, Assert.Single(capture.Durations.GetMeasurementSnapshot()).Tags.Count(tag => tag.Key is "customconnector.endpoint" or "http.request.method" or "customconnector.result"));
    }

    [Fact]
    public async Task RateLimitRejections_CallRefused_CountsItWithTheCallsTags()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            capture.Wire(o);
            o.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow;
            o.Resilience.RateLimit.PermitLimit = 1;
            o.Resilience.RateLimit.Window = TimeSpan.FromSeconds(5);
            o.Resilience.RateLimit.QueueLimit = 0;
        });
        await client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing);

        await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(ConnectorTelemetryTests.GetWing(), TestJsonContext.Default.Wing));

        var rejection = Assert.Single(capture.RateLimitRejections.GetMeasurementSnapshot());
        Assert.Equal(1, rejection.Value);
        Assert.Equal(
            new Dictionary<string, object?> { ["customconnector.endpoint"] = "getWing", ["http.request.method"] = "GET" },
            rejection.Tags.ToDictionary());
        Assert.Equal("CustomConnector.TooManyRequestsException", capture.Durations.GetMeasurementSnapshot()[^1].Tags["error.type"]);
    }

    [Fact]
    public async Task For_RegisteredConnector_MeasuresOnTheContainersMeterTaggedWithTheConnectorsName()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(HttpStatusCode.OK, "application/json", ScriptedApi.DataJson);
        await using var first = Container(mock);
        await using var second = Container(mock);
        using var mine = new MetricCollector<double>(first.GetRequiredService<IMeterFactory>(), ConnectorDiagnostics.MeterName, "customconnector.client.call.duration");
        using var theirs = new MetricCollector<double>(second.GetRequiredService<IMeterFactory>(), ConnectorDiagnostics.MeterName, "customconnector.client.call.duration");
        using var shared = new MetricCollector<double>(ConnectorInstruments.Shared.CallDuration);

        await first.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("wings/7").WithName("isolatedWing").Build(), TestJsonContext.Default.Wing);

        var measurement = Assert.Single(mine.GetMeasurementSnapshot());
        Assert.Equal("wings", measurement.Tags["customconnector.connector"]);
        Assert.Equal("isolatedWing", measurement.Tags["customconnector.endpoint"]);
        Assert.Empty(theirs.GetMeasurementSnapshot());
        Assert.DoesNotContain(shared.GetMeasurementSnapshot(), m => Equals(m.Tags["customconnector.endpoint"], "isolatedWing"));
    }

    [Fact]
    public async Task For_ClientWithoutMeterFactory_MeasuresOnTheSharedMeter()
    {
        using var shared = new MetricCollector<double>(ConnectorInstruments.Shared.CallDuration);
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime());

        await client.SendAsync(ConnectorEndpoint.Get("wings/7").WithName("sharedMeterWing").Build(), TestJsonContext.Default.Wing);

        Assert.Contains(shared.GetMeasurementSnapshot(), m => Equals(m.Tags["customconnector.endpoint"], "sharedMeterWing"));
        Assert.Equal(ConnectorDiagnostics.MeterName, ConnectorInstruments.Shared.Meter.Name);
    }

    [Fact]
    public void For_SameFactoryTwice_ReturnsTheSameInstrumentsOnOneMeter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();

        var first = ConnectorInstruments.For(factory);
        var second = ConnectorInstruments.For(factory);

        Assert.Same(first, second);
        Assert.Same(factory, first.Meter.Scope);
        Assert.Same(ConnectorInstruments.Shared, ConnectorInstruments.For(null));
    }

    [Fact]
    public void Instruments_HaveTheDocumentedNamesAndUnits()
    {
        var instruments = ConnectorInstruments.Shared;

        Assert.Equal(
            [
                ("customconnector.client.call.duration", "s"),
                ("customconnector.client.retries", "{retry}"),
                ("customconnector.client.rate_limit.rejections", "{call}"),
                ("customconnector.client.pages", "{page}"),
                ("customconnector.client.items", "{item}"),
                ("customconnector.client.token.requests", "{request}"),
            ],
            new Instrument[] { instruments.CallDuration, instruments.Retries, instruments.RateLimitRejections, instruments.Pages, instruments.Items, instruments.TokenRequests }
                .Select(instrument => (instrument.Name, instrument.Unit!)));
    }

    private static ServiceProvider Container(MockHttpMessageHandler mock)
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/v1/"))
            .HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => mock);
        return services.BuildServiceProvider();
    }
}
