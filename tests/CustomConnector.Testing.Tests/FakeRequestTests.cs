namespace CustomConnector.Testing.Tests;

public sealed class FakeRequestTests
{
    private static readonly TestJsonContext Json = TestJsonContext.Default;

    [Fact]
    public async Task AssertHeader_CredentialHeader_PassesAndFailureHidesTheValue()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api, o => o.Authentication = new BearerTokenProvider("s3cr3t-token"));

        await client.SendAsync(ConnectorEndpoint.Get("wings").WithHeader("X-Trace", "abc").Build(), Json.WingArray);

        var request = route.SingleRequest().AssertHeader("Authorization", "Bearer s3cr3t-token").AssertHeader("X-Trace", "abc");
        var wrongToken = Assert.Throws<FakeApiAssertionException>(() => request.AssertHeader("Authorization", "Bearer other"));
        Assert.DoesNotContain("s3cr3t-token", wrongToken.Message, StringComparison.Ordinal);
        Assert.Contains("'Authorization'", wrongToken.Message, StringComparison.Ordinal);
        var wrongTrace = Assert.Throws<FakeApiAssertionException>(() => request.AssertHeader("X-Trace", "xyz"));
        Assert.Contains("'abc'", wrongTrace.Message, StringComparison.Ordinal);
        Assert.Throws<FakeApiAssertionException>(() => request.AssertNoHeader("Authorization"));
    }

    [Fact]
    public async Task AssertQuery_EscapedAndRepeatedValues_ReadUnescaped()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api);
        var endpoint = ConnectorEndpoint.Get("wings")
            .WithQueryParameter("name", "Delta & Co")
            .WithQueryParameter("tag", "a")
            .WithQueryParameter("tag", "b")
            .Build();

        await client.SendAsync(endpoint, Json.WingArray);

        var request = route.SingleRequest().AssertQuery("name", "Delta & Co").AssertNoQuery("page");
        Assert.Equal(["a", "b"], request.GetQueryValues("tag"));
        var repeated = Assert.Throws<FakeApiAssertionException>(() => request.AssertQuery("tag", "a"));
        Assert.Contains("given 2 times", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertQuery_QueryApiKey_FailureHidesTheValue()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api, o => o.Authentication = new ApiKeyProvider("api_key", "k-123456", ApiKeyLocation.Query));

        await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray);

        var request = route.SingleRequest().AssertQuery("api_key", "k-123456");
        var exception = Assert.Throws<FakeApiAssertionException>(() => request.AssertQuery("api_key", "other"));
        Assert.DoesNotContain("k-123456", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k-123456", request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssertJsonBody_SameMeaningOtherLayout_Passes()
    {
        var api = new FakeConnectorApi();
        var route = api.OnPost("wings").ReplyWithData(new Wing(8, "Delta"), Json.Wing, System.Net.HttpStatusCode.Created);
        using var client = Clients.Create(api);

        await client.SendAsync(ConnectorEndpoint.Post("wings").WithJsonBody(new Wing(0, "Delta"), Json.Wing).Build(), Json.Wing);

        var request = route.SingleRequest();
        request.AssertJsonBody("""{ "name": "Delta", "id": 0.0 }""");
        Assert.Equal(new Wing(0, "Delta"), request.ReadJsonBody(Json.Wing));
        Assert.Equal("application/json; charset=utf-8", request.GetHeader("Content-Type"));
    }

    [Fact]
    public async Task AssertJsonBody_Different_ThrowsWithBothBodies()
    {
        var api = new FakeConnectorApi();
        var route = api.OnPost("wings").ReplyWithEmpty();
        using var client = Clients.Create(api);

        await client.SendAsync(ConnectorEndpoint.Post("wings").WithJsonBody(new Wing(0, "Delta"), Json.Wing).Build(), Json.Wing);

        var exception = Assert.Throws<FakeApiAssertionException>(() => route.SingleRequest().AssertJsonBody("""{"id": 0, "name": "Gamma"}"""));
        Assert.Contains("Gamma", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Delta", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJsonBody_NoBody_ThrowsFakeApiAssertionException()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api);

        await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray);

        Assert.Throws<FakeApiAssertionException>(() => route.SingleRequest().GetJsonBody());
    }

    [Fact]
    public async Task AssertJsonBody_ExpectedIsNotJson_ThrowsArgumentException()
    {
        var api = new FakeConnectorApi();
        var route = api.OnPost("wings").ReplyWithEmpty();
        using var client = Clients.Create(api);

        await client.SendAsync(ConnectorEndpoint.Post("wings").WithJsonBody(new Wing(0, "Delta"), Json.Wing).Build(), Json.Wing);

        var exception = Assert.Throws<ArgumentException>(() => route.SingleRequest().AssertJsonBody("{nope"));
        Assert.Equal("expectedJson", exception.ParamName);
    }
}
