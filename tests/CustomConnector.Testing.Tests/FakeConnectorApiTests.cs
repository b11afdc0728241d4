using System.Net;

namespace CustomConnector.Testing.Tests;

public sealed class FakeConnectorApiTests
{
    private static readonly TestJsonContext Json = TestJsonContext.Default;

    [Fact]
    public async Task SendAsync_DataReply_ClientParsesTheEnvelope()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWithData(new Wing(7, "Delta"), Json.Wing);
        using var client = Clients.Create(api);

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", 7).Build(), Json.Wing);

        Assert.Equal(new Wing(7, "Delta"), result.GetDataOrThrow());
        Assert.Equal(new Uri(FakeConnectorApi.DefaultBaseAddress, "wings/7"), Assert.Single(api.Requests).Uri);
    }

    [Fact]
    public async Task SendAsync_NoRouteMatches_NotFoundErrorAndRecordedAsUnmatched()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api);

        var result = await client.SendAsync(ConnectorEndpoint.Get("hangars").Build(), Json.WingArray);

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        Assert.Contains("No fake route matches GET /api/hangars", result.Error.Description, StringComparison.Ordinal);
        Assert.Equal("/api/hangars", Assert.Single(api.UnmatchedRequests).Path);
        var exception = Assert.Throws<FakeApiAssertionException>(api.AssertNoUnmatchedRequests);
        Assert.Contains("GET /api/hangars", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MethodDiffers_RouteDoesNotMatch()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api);

        var result = await client.SendAsync(ConnectorEndpoint.Post("wings").Build(), Json.WingArray);

        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        Assert.Equal(0, route.CallCount);
    }

    [Fact]
    public async Task SendAsync_TemplateWithLeadingSlash_MatchesTheWholePathOnly()
    {
        var api = new FakeConnectorApi();
        var anchored = api.OnGet("/wings").ReplyWithDataJson("[]");
        var relative = api.OnGet("wings").ReplyWithDataJson("[]");
        using var client = Clients.Create(api);

        await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray);

        Assert.Equal(0, anchored.CallCount);
        Assert.Equal(1, relative.CallCount);
    }

    [Fact]
    public async Task SendAsync_ConnectorsOwnBaseAddress_RelativeTemplateStillMatches()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").ReplyWithEmpty();
        using var client = Clients.Create(api, o => o.BaseAddress = new Uri("https://api.example.com/v1/"));

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/3").Build(), Json.Wing);

        Assert.True(result.IsEmpty);
        Assert.Equal("https://api.example.com/v1/wings/3", route.SingleRequest().Uri.ToString());
        Assert.Equal("3", route.SingleRequest().RouteValues["id"]);
    }

    [Fact]
    public void On_SameMethodAndTemplateTwice_ThrowsInvalidOperationException()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}");

        var exception = Assert.Throws<InvalidOperationException>(() => api.OnGet("wings/{id}"));

        Assert.Contains("GET wings/{id}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wings?page=1")]
    [InlineData("wings/{id")]
    [InlineData("wings/x{id}")]
    [InlineData("")]
    public void On_MalformedTemplate_ThrowsArgumentExceptionNamingTheTemplate(string template)
    {
        var api = new FakeConnectorApi();

        var exception = Assert.Throws<ArgumentException>(() => api.OnGet(template));

        Assert.Equal("template", exception.ParamName);
    }

    [Fact]
    public async Task Requests_TwoFakesInParallel_EachSeesOnlyItsOwn()
    {
        var first = new FakeConnectorApi();
        var second = new FakeConnectorApi();
        first.OnGet("wings").ReplyWithDataJson("[]");
        second.OnGet("wings").ReplyWithDataJson("[]");
        using var firstClient = Clients.Create(first);
        using var secondClient = Clients.Create(second);

        var calls = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? firstClient : secondClient).SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, first.Requests.Count);
        Assert.Equal(10, second.Requests.Count);
    }

    [Fact]
    public void BaseAddress_NotHttp_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new FakeConnectorApi { BaseAddress = new Uri("ftp://example.com/") });
    }

    [Fact]
    public async Task DataProperty_Empty_PayloadIsTheWholeBody()
    {
        var api = new FakeConnectorApi { DataProperty = "" };
        api.OnGet("wings/1").ReplyWithData(new Wing(1, "Bare"), Json.Wing);
        using var client = Clients.Create(api, o => o.Envelope.DataProperty = "");

        var wing = (await client.SendAsync(ConnectorEndpoint.Get("wings/1").Build(), Json.Wing)).GetDataOrThrow();

        Assert.Equal(new Wing(1, "Bare"), wing);
    }
}
