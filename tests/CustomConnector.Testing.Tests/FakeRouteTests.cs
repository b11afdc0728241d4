using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Testing.Tests;

public sealed class FakeRouteTests
{
    private static readonly TestJsonContext Json = TestJsonContext.Default;
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").Build();

    [Fact]
    public async Task ReplyWithError_ThenData_ClientRetriesAndReturnsTheData()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}")
            .ReplyWithError(HttpStatusCode.ServiceUnavailable)
            .ReplyWithData(new Wing(7, "Delta"), Json.Wing);
        using var client = Clients.Create(api);

        var result = await client.SendAsync(GetWing, Json.Wing);

        Assert.Equal("Delta", result.GetDataOrThrow().Name);
        Assert.Equal(2, route.CallCount);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task ReplyWithError_LastAnswer_RepeatsForEveryLaterRequest()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").ReplyWithError(HttpStatusCode.NotFound, "No such wing.");
        using var client = Clients.Create(api);

        var first = await client.SendAsync(GetWing, Json.Wing);
        var second = await client.SendAsync(GetWing, Json.Wing);

        Assert.Equal("No such wing.", first.Error?.Description);
        Assert.Equal("404", second.Error?.Code);
        Assert.Throws<NotFoundException>(() => second.GetDataOrThrow());
        Assert.Equal(2, route.CallCount);
    }

    [Fact]
    public async Task ReplyWithError_RetryAfter_ResultCarriesIt()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWithError(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(30));
        using var client = Clients.Create(api, o => o.Resilience.MaxRetries = 0);

        var result = await client.SendAsync(GetWing, Json.Wing);

        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Throws<ServiceUnavailableException>(() => result.GetDataOrThrow()).RetryAfter);
    }

    [Fact]
    public async Task FailWithConnectionReset_ThenData_ClientRetries()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").FailWithConnectionReset().ReplyWithData(new Wing(7, "Delta"), Json.Wing);
        using var client = Clients.Create(api);

        var result = await client.SendAsync(GetWing, Json.Wing);

        Assert.True(result.IsData);
        Assert.Equal(2, route.CallCount);
    }

    [Fact]
    public async Task FailWithConnectionReset_Always_ConnectorExceptionWrapsTheNetworkFailure()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").FailWithConnectionReset();
        using var client = Clients.Create(api, o => o.Resilience.MaxRetries = 1);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(GetWing, Json.Wing));

        Assert.IsType<HttpRequestException>(exception.InnerException);
    }

    [Fact]
    public async Task FailWithTimeout_AsHttpClientTimeout_ConnectorTimeoutExceptionWithoutRetry()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").FailWithTimeout();
        using var client = Clients.Create(api, o => o.Resilience.MaxRetries = 2);

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => client.SendAsync(GetWing, Json.Wing));

        Assert.Equal(ConnectorTimeoutKind.Attempt, exception.Kind);
        Assert.Equal(1, route.CallCount);
    }

    [Fact]
    public async Task Hang_ThenData_AttemptTimeoutOnAFakeClockIsRetried()
    {
        var time = new FakeTimeProvider();
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").Hang().ReplyWithData(new Wing(7, "Delta"), Json.Wing);
        using var client = Clients.Create(api, o =>
        {
            o.TimeProvider = time;
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.Timeout = TimeSpan.FromSeconds(30);
        });

        var call = client.SendAsync(GetWing, Json.Wing);
        for (var i = 0; i < 1000 && route.CallCount == 0; i++)
        {
            await Task.Yield();
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.IsData);
        Assert.Equal(2, route.CallCount);
    }

    [Fact]
    public async Task Hang_AttemptTimeoutOnAFakeClock_ConnectorTimeoutException()
    {
        var time = new FakeTimeProvider();
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").Hang();
        using var client = Clients.Create(api, o =>
        {
            o.TimeProvider = time;
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Resilience.MaxRetries = 0;
        });

        var call = client.SendAsync(GetWing, Json.Wing);
        for (var i = 0; i < 1000 && route.CallCount == 0; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(1, route.CallCount);
        time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Hang_CallerCancels_OperationCanceledException()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").Hang();
        using var client = Clients.Create(api);
        using var cancellation = new CancellationTokenSource();

        var call = client.SendAsync(GetWing, Json.Wing, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ReplyWithEmpty_Default_EmptyResult204()
    {
        var api = new FakeConnectorApi();
        api.OnPost("wings/{id}").ReplyWithEmpty();
        using var client = Clients.Create(api);

        var result = await client.SendAsync(ConnectorEndpoint.Post("wings/7").Build(), Json.Wing);

        Assert.True(result.IsEmpty);
        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
    }

    [Fact]
    public async Task ReplyWith_HtmlErrorPage_ErrorWithTheStatus()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWith(HttpStatusCode.BadGateway, "<html>proxy error</html>", "text/html");
        using var client = Clients.Create(api, o => o.Resilience.MaxRetries = 0);

        var result = await client.SendAsync(GetWing, Json.Wing);

        Assert.Throws<BadGatewayException>(() => result.GetDataOrThrow());
    }

    [Fact]
    public async Task ReplyWith_TwoXxWithoutEnvelope_ConnectorResponseFormatException()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWith(HttpStatusCode.OK, """{"id": 7}""");
        using var client = Clients.Create(api);

        await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.SendAsync(GetWing, Json.Wing));
    }

    [Fact]
    public async Task ReplyWith_Function_BuildsAResponsePerRequest()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWith(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$$"""{"data": {"id": {{{request.RouteValues["id"]}}}, "name": "Echo"}}""", System.Text.Encoding.UTF8, "application/json"),
        });
        using var client = Clients.Create(api);

        var wing = (await client.SendAsync(ConnectorEndpoint.Get("wings/42").Build(), Json.Wing)).GetDataOrThrow();

        Assert.Equal(42, wing.Id);
    }

    [Fact]
    public async Task ReplyWithData_Reflection_CamelCaseEnvelope()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWithData(new Wing(7, "Delta"));
        using var client = Clients.Create(api);

        var wing = (await client.SendAsync(GetWing, Json.Wing)).GetDataOrThrow();

        Assert.Equal(new Wing(7, "Delta"), wing);
    }

    [Fact]
    public void ReplyWithDataJson_NotJson_ThrowsArgumentException()
    {
        var route = new FakeConnectorApi().OnGet("wings");

        var exception = Assert.Throws<ArgumentException>(() => route.ReplyWithDataJson("{not json"));

        Assert.Equal("json", exception.ParamName);
    }

    [Fact]
    public async Task Take_NoAnswerScripted_NotImplementedErrorNamingTheRoute()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}");
        using var client = Clients.Create(api, o => o.Resilience.MaxRetries = 0);

        var result = await client.SendAsync(GetWing, Json.Wing);

        Assert.Equal(HttpStatusCode.NotImplemented, result.StatusCode);
        Assert.Contains("GET wings/{id}", result.Error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleRequest_NoRequest_ThrowsFakeApiAssertionException()
    {
        var route = new FakeConnectorApi().OnGet("wings");

        var exception = Assert.Throws<FakeApiAssertionException>(route.SingleRequest);

        Assert.Contains("received 0", exception.Message, StringComparison.Ordinal);
    }
}
