using System.Diagnostics;
using System.Net;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>The call's activity: its name, kind, OpenTelemetry HTTP client attributes, the library's own, and its status.</summary>
public sealed partial class ConnectorTelemetryTests
{
    [Fact]
    public async Task SendAsync_DataResult_RecordsOneClientActivityWithEveryAttribute()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("GET getWing", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["http.request.method"] = "GET",
                ["server.address"] = "api.test",
                ["server.port"] = 443,
                ["url.full"] = "https://api.test/v1/wings/7?page=2&api_key=REDACTED",
                ["customconnector.endpoint"] = "getWing",
                ["http.response.status_code"] = 200,
                ["customconnector.attempts"] = 1,
                ["customconnector.result"] = "data",
            },
            activity.TagObjects.ToDictionary(tag => tag.Key, tag => tag.Value));
    }

    [Fact]
    public async Task SendAsync_EmptyPostOnAnotherPort_NamesTheActivityByMethodAndTagsPortAndResult()
    {
        using var capture = new TelemetryCapture("createWing");
        using var api = new ScriptedApi(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            capture.Wire(o).BaseAddress = new Uri("http://localhost:8080/v1/");
        });

        await client.SendAsync(ConnectorEndpoint.Post("wings").WithName("createWing").WithJsonBody(new Wing(1, "W"), TestJsonContext.Default.Wing).Build(), TestJsonContext.Default.Wing);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("POST createWing", activity.DisplayName);
        Assert.Equal("POST", activity.GetTagItem("http.request.method"));
        Assert.Equal("localhost", activity.GetTagItem("server.address"));
        Assert.Equal(8080, activity.GetTagItem("server.port"));
        Assert.Equal(204, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("empty", activity.GetTagItem("customconnector.result"));
        Assert.Null(activity.GetTagItem("error.type"));
    }

    [Fact]
    public async Task SendAsync_ErrorResult_SetsErrorStatusAndTheStatusCodeAsErrorType()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering(HttpStatusCode.NotFound);
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("404", activity.GetTagItem("error.type"));
        Assert.Equal("error", activity.GetTagItem("customconnector.result"));
        Assert.Equal(404, activity.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task SendAsync_ErrorEnvelopeInA200_IsAnErrorWithErrorTypeOther()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = new ScriptedApi(_ => TestConnector.Json(HttpStatusCode.OK, """{"error": {"code": "E1", "description": "no"}}"""));
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("_OTHER", activity.GetTagItem("error.type"));
        Assert.Equal("error", activity.GetTagItem("customconnector.result"));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, LogLevelOf(capture, 7));
    }

    [Fact]
    public async Task SendAsync_Exception_SetsErrorStatusAndTheExceptionTypeWithoutAResult()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = new ScriptedApi(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)"));
        using var client = api.CreateClient(new WatchedTime(), o => ZeroBackoff(capture.Wire(o)).Resilience.MaxRetries = 1);

        await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing(), TestJsonContext.Default.Wing));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("CustomConnector.ConnectorException", activity.GetTagItem("error.type"));
        Assert.Null(activity.GetTagItem("customconnector.result"));
        Assert.Null(activity.GetTagItem("http.response.status_code"));
        Assert.Equal(2, activity.GetTagItem("customconnector.attempts"));
    }

    [Fact]
    public async Task SendAsync_RegisteredConnector_TagsTheActivityWithTheConnectorsName()
    {
        using var capture = new TelemetryCapture("getWing");
        var services = new ServiceCollection();
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(HttpStatusCode.OK, "application/json", """{"data": {"id": 7, "name": "Wing"}}""");
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/v1/"))
            .HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(GetWing(), TestJsonContext.Default.Wing);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("wings", activity.GetTagItem("customconnector.connector"));
    }

    [Fact]
    public async Task SendAsync_NobodyListens_StartsNoActivity()
    {
        // The shared source has listeners whenever another test listens; sampling "none" is what matters.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        using var capture = new TelemetryCapture("unsampled");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime());

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/7").WithName("unsampled").Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsData);
    }

    internal static IConnectorEndpoint GetWing() =>
        ConnectorEndpoint.Get("wings/7").WithName("getWing").WithQueryParameter("page", 2).WithQueryParameter("api_key", "query-s3cret").Build();

    private static Microsoft.Extensions.Logging.LogLevel LogLevelOf(TelemetryCapture capture, int id) => capture.Single(id).Level;
}
