using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Tests.Authentication;

/// <summary>Token fetches in logs, traces and metrics: levels, event ids, tags, and never the token or the secret.</summary>
public sealed partial class OAuth2ClientCredentialsProviderTests
{
    private const string TokenValue = "tok-Xq93-never-in-telemetry";

    [Fact]
    public async Task ApplyAsync_TokenFetched_LogsDebugCountsSuccessAndTracesTheFetchUnderTheCall()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        var requests = Observe(h, capture);
        h.TokenResponder = (n, _) => Task.FromResult(TokenResponse($"{TokenValue}-{n}", 3600));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var result = await SendAsync(client).WaitAsync(HangGuard);

        Assert.True(result.IsData);
        var fetched = Assert.Single(capture.Records, r => r.Id.Id == 100);
        Assert.Equal("TokenFetched", fetched.Id.Name);
        Assert.Equal(LogLevel.Debug, fetched.Level);
        Assert.Equal("CustomConnector.OAuth2ClientCredentialsProvider", fetched.Category);
        Assert.Equal(TokenUrl, fetched.GetStructuredStateValue("TokenEndpoint"));
        Assert.Equal("1", fetched.GetStructuredStateValue("Attempts"));
        Assert.Equal(TimeSpan.FromHours(1).ToString(), fetched.GetStructuredStateValue("ExpiresIn"));
        Assert.DoesNotContain(capture.Records, r => r.Level >= LogLevel.Warning && r.Category == "CustomConnector.OAuth2ClientCredentialsProvider");

        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("success", measurement.Tags["customconnector.token.outcome"]);
        Assert.Equal(200, measurement.Tags["http.response.status_code"]);
        Assert.Equal("auth.test", measurement.Tags["server.address"]);
        Assert.False(measurement.Tags.ContainsKey("error.type"));
        Assert.False(measurement.Tags.ContainsKey("customconnector.connector"));

        var fetch = Assert.Single(capture.Activities, a => a.OperationName == "POST token");
        Assert.Equal(ActivityKind.Client, fetch.Kind);
        Assert.Equal(ActivityStatusCode.Unset, fetch.Status);
        Assert.Equal("POST", fetch.GetTagItem("http.request.method"));
        Assert.Equal("auth.test", fetch.GetTagItem("server.address"));
        Assert.Equal(443, fetch.GetTagItem("server.port"));
        Assert.Equal(TokenUrl, fetch.GetTagItem("url.full"));
        Assert.Equal(200, fetch.GetTagItem("http.response.status_code"));
        Assert.Equal(1, fetch.GetTagItem("customconnector.attempts"));
        Assert.Equal("success", fetch.GetTagItem("customconnector.token.outcome"));
        Assert.Null(fetch.GetTagItem("error.type"));

        // The call that needed the token is the fetch's parent.
        var call = Assert.Single(capture.Activities, a => a.OperationName == "GET getWidget");
        Assert.Equal(call.SpanId, fetch.ParentSpanId);
        AssertNothingSecret(capture, requests);
    }

    [Fact]
    public async Task ApplyAsync_TokenEndpointRefusesTheClient_LogsErrorCountsRefusedAndFailsTheActivity()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        var requests = Observe(h, capture);
        h.TokenResponder = (_, _) => Task.FromResult(Json(HttpStatusCode.BadRequest, """{"error":"invalid_client","error_description":"Unknown client."}"""));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        await Assert.ThrowsAsync<UnauthorizedException>(() => SendAsync(client).WaitAsync(HangGuard));

        var failed = Assert.Single(capture.Records, r => r.Id.Id == 102);
        Assert.Equal("TokenFetchFailed", failed.Id.Name);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Equal("refused", failed.GetStructuredStateValue("Outcome"));
        Assert.Equal("400", failed.GetStructuredStateValue("ErrorType"));
        Assert.Equal("1", failed.GetStructuredStateValue("Attempts"));
        Assert.IsType<UnauthorizedException>(failed.Exception);
        Assert.DoesNotContain(capture.Records, r => r.Id.Id is 100 or 101);

        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("refused", measurement.Tags["customconnector.token.outcome"]);
        Assert.Equal(400, measurement.Tags["http.response.status_code"]);
        Assert.Equal("400", measurement.Tags["error.type"]);

        var fetch = Assert.Single(capture.Activities, a => a.OperationName == "POST token");
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal("400", fetch.GetTagItem("error.type"));
        Assert.Equal("refused", fetch.GetTagItem("customconnector.token.outcome"));
        Assert.Equal(400, fetch.GetTagItem("http.response.status_code"));
        AssertNothingSecret(capture, requests);
    }

    [Fact]
    public async Task ApplyAsync_TransientFailureThenToken_LogsWarningThenDebugAndCountsBoth()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        var requests = Observe(h, capture);
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : TokenResponse($"{TokenValue}-{n}", 3600));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var call = SendAsync(client);
        var delay = await h.Time.TimerAsync(1);
        h.Time.Advance(delay.DueTime);
        Assert.True((await call.WaitAsync(HangGuard)).IsData);

        var retrying = Assert.Single(capture.Records, r => r.Id.Id == 101);
        Assert.Equal("TokenFetchRetrying", retrying.Id.Name);
        Assert.Equal(LogLevel.Warning, retrying.Level);
        Assert.Equal("1", retrying.GetStructuredStateValue("Attempt"));
        Assert.Equal("failed", retrying.GetStructuredStateValue("Outcome"));
        Assert.Equal("503", retrying.GetStructuredStateValue("ErrorType"));
        Assert.InRange(TimeSpan.Parse(retrying.GetStructuredStateValue("Delay")!, CultureInfo.InvariantCulture), delay.DueTime - TimeSpan.FromMilliseconds(1), delay.DueTime + TimeSpan.FromMilliseconds(1));
        var fetched = Assert.Single(capture.Records, r => r.Id.Id == 100);
        Assert.Equal("2", fetched.GetStructuredStateValue("Attempts"));
        Assert.DoesNotContain(capture.Records, r => r.Id.Id == 102);

        var measurements = requests.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal("failed", measurements[0].Tags["customconnector.token.outcome"]);
        Assert.Equal(503, measurements[0].Tags["http.response.status_code"]);
        Assert.Equal("503", measurements[0].Tags["error.type"]);
        Assert.Equal("success", measurements[1].Tags["customconnector.token.outcome"]);

        var fetch = Assert.Single(capture.Activities, a => a.OperationName == "POST token");
        Assert.Equal(2, fetch.GetTagItem("customconnector.attempts"));
        Assert.Equal(ActivityStatusCode.Unset, fetch.Status);
        AssertNothingSecret(capture, requests);
    }

    [Fact]
    public async Task ApplyAsync_TransientFailureOnEveryRequest_LogsAWarningPerRetryThenOneError()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 1;
        var requests = Observe(h, capture);
        h.TokenResponder = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var call = SendAsync(client);
        h.Time.Advance((await h.Time.TimerAsync(1)).DueTime);
        await Assert.ThrowsAsync<TokenEndpointException>(() => call.WaitAsync(HangGuard));

        Assert.Single(capture.Records, r => r.Id.Id == 101 && r.Level == LogLevel.Warning);
        var failed = Assert.Single(capture.Records, r => r.Id.Id == 102);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Equal("failed", failed.GetStructuredStateValue("Outcome"));
        Assert.Equal("2", failed.GetStructuredStateValue("Attempts"));
        Assert.Equal("502", failed.GetStructuredStateValue("ErrorType"));
        Assert.Equal(2, requests.GetMeasurementSnapshot().Count(m => m.Tags["customconnector.token.outcome"] as string == "failed"));
        var fetch = Assert.Single(capture.Activities, a => a.OperationName == "POST token");
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal("502", fetch.GetTagItem("error.type"));
        AssertNothingSecret(capture, requests);
    }

    [Fact]
    public async Task ApplyAsync_TokenRequestTimesOut_CountsTimeoutWithTheExceptionType()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 0;
        h.Options.TokenRequestTimeout = TimeSpan.FromSeconds(5);
        var requests = Observe(h, capture);
        h.TokenResponder = (_, _) => new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously).Task;
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var call = SendAsync(client);
        h.Time.Advance((await h.Time.TimerAsync(0)).DueTime);
        await Assert.ThrowsAsync<TokenEndpointException>(() => call.WaitAsync(HangGuard));

        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("timeout", measurement.Tags["customconnector.token.outcome"]);
        Assert.Equal("System.TimeoutException", measurement.Tags["error.type"]);
        Assert.False(measurement.Tags.ContainsKey("http.response.status_code"));
        var failed = Assert.Single(capture.Records, r => r.Id.Id == 102);
        Assert.Equal("timeout", failed.GetStructuredStateValue("Outcome"));
        var fetch = Assert.Single(capture.Activities, a => a.OperationName == "POST token");
        Assert.Equal(ActivityStatusCode.Error, fetch.Status);
        Assert.Equal("timeout", fetch.GetTagItem("customconnector.token.outcome"));
    }

    [Fact]
    public async Task InvalidateAsync_ApiAnswers401_LogsInformationAndFetchesANewToken()
    {
        using var capture = new TelemetryRecorder();
        using var h = new Harness();
        var requests = Observe(h, capture);
        h.TokenResponder = (n, _) => Task.FromResult(TokenResponse($"{TokenValue}-{n}", 3600));
        h.ApiResponder = (n, _) => n == 1 ? Unauthorized() : DataResponse();
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        Assert.True((await SendAsync(client).WaitAsync(HangGuard)).IsData);

        var invalidated = Assert.Single(capture.Records, r => r.Id.Id == 103);
        Assert.Equal("TokenInvalidated", invalidated.Id.Name);
        Assert.Equal(LogLevel.Information, invalidated.Level);
        Assert.Equal(TokenUrl, invalidated.GetStructuredStateValue("TokenEndpoint"));
        Assert.Equal(2, capture.Records.Count(r => r.Id.Id == 100));
        Assert.Equal(2, requests.GetMeasurementSnapshot().Count(m => m.Tags["customconnector.token.outcome"] as string == "success"));
        AssertNothingSecret(capture, requests);
    }

    [Fact]
    public async Task ApplyAsync_NobodyListens_FetchesWithoutLoggerOrMeterFactory()
    {
        // The defaults: no logger factory, the library's own meter; nothing to observe, and nothing breaks.
        using var h = new Harness();
        using var provider = h.CreateProvider();

        Assert.True((await SendAsync(h.CreateClient(provider)).WaitAsync(HangGuard)).IsData);
        Assert.Null(h.Options.LoggerFactory);
        Assert.Null(h.Options.MeterFactory);
    }

    private static MetricCollector<long> Observe(Harness h, TelemetryRecorder capture)
    {
        h.Options.LoggerFactory = capture.LoggerFactory;
        h.Options.MeterFactory = capture.MeterFactory;
        h.Options.TokenEndpoint = new Uri(TokenUrl);
        return new MetricCollector<long>(capture.MeterFactory, ConnectorDiagnostics.MeterName, "customconnector.client.token.requests");
    }

    private static void AssertNothingSecret(TelemetryRecorder capture, MetricCollector<long> requests)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        var metricTags = requests.GetMeasurementSnapshot().SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}"));
        capture.AssertNoSecret([ClientSecret, TokenValue, basic], metricTags);
    }
}
