using System.Net;
using CustomConnector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Samples.Testing;

/// <summary>
/// Tests of <see cref="WingsClient"/> against a fake API beneath a real connector client: retries,
/// paging, parsing and credentials run for real, with no sockets and no shared state.
/// </summary>
public sealed class WingsClientTests
{
    private static readonly WingsJsonContext Json = WingsJsonContext.Default;

    #region docs/testing.md (the page shows this block; DocumentationTests checks they match)
    [Fact]
    public async Task FindAsync_ServiceUnavailableThenData_RetriesAndReturnsTheWing()
    {
        // The fake API answers 503 once, then the wing.
        var api = new FakeConnectorApi();
        var getWing = api.OnGet("wings/{id}")
            .ReplyWithError(HttpStatusCode.ServiceUnavailable, "Try again.")
            .ReplyWithData(new Wing(7, "Delta"), Json.Wing);

        // The connector is registered as in the app; UseFakeApi swaps its HTTP handler for the fake.
        var services = new ServiceCollection();
        services.AddCustomConnector<WingsClient>("wings", options =>
            {
                options.BaseAddress = new Uri("https://api.example.com/v1/");
                options.Resilience.BaseDelay = TimeSpan.Zero; // retry at once in tests
            })
            .AddApiKey("X-Api-Key", "test-key")
            .UseFakeApi(api);
        await using var provider = services.BuildServiceProvider();

        var wing = await provider.GetRequiredService<WingsClient>().FindAsync(7);

        Assert.Equal(new Wing(7, "Delta"), wing);
        Assert.Equal(2, getWing.CallCount);
        getWing.Requests[^1].AssertHeader("X-Api-Key", "test-key");
    }
    #endregion

    [Fact]
    public async Task FindAsync_NotFound_ReturnsNull()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWithError(HttpStatusCode.NotFound, "No wing 9.");
        using var connector = api.CreateClient();

        Assert.Null(await new WingsClient(connector).FindAsync(9));
    }

    [Fact]
    public async Task FindAsync_Forbidden_ThrowsForbiddenException()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").ReplyWithError(HttpStatusCode.Forbidden, "Not your wing.");
        using var connector = api.CreateClient();

        var exception = await Assert.ThrowsAsync<ForbiddenException>(() => new WingsClient(connector).FindAsync(9));

        Assert.Equal("Not your wing.", exception.Error?.Description);
    }

    [Fact]
    public async Task CreateAsync_Created_PostsTheNameAsJson()
    {
        var api = new FakeConnectorApi();
        var createWing = api.OnPost("wings").ReplyWithData(new Wing(8, "Gamma"), Json.Wing, HttpStatusCode.Created);
        using var connector = api.CreateClient();

        var wing = await new WingsClient(connector).CreateAsync("Gamma");

        Assert.Equal(8, wing.Id);
        createWing.SingleRequest()
            .AssertJsonBody("""{"name": "Gamma"}""")
            .AssertHeader("Idempotency-Key", "create-Gamma");
    }

    [Fact]
    public async Task ListAsync_TwoPagesThenEmpty_ReadsEveryPage()
    {
        var api = new FakeConnectorApi();
        var listWings = api.OnGet("wings")
            .ReplyWithDataJson("""[{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]""")
            .ReplyWithDataJson("""[{"id": 3, "name": "C"}]""")
            .ReplyWithDataJson("[]");
        using var connector = api.CreateClient();

        var wings = await new WingsClient(connector).ListAsync();

        Assert.Equal(["A", "B", "C"], wings.Select(w => w.Name));
        Assert.Equal(["1", "2", "3"], listWings.Requests.Select(r => r.GetQuery("page")));
    }

    [Fact]
    public async Task FindAsync_ConnectionResetEveryTime_ThrowsConnectorException()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings/{id}").FailWithConnectionReset();
        var options = new ConnectorClientOptions();
        options.Resilience.BaseDelay = TimeSpan.Zero;
        options.Resilience.MaxRetries = 2;
        using var connector = api.CreateClient(options);

        await Assert.ThrowsAsync<ConnectorException>(() => new WingsClient(connector).FindAsync(1));

        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public void WingLookup_ResultsMadeByTheFactories_DescribesEachKind()
    {
        Assert.Equal("wing 7: Delta", Describe.WingLookup(ConnectorResult.FromData(new Wing(7, "Delta"))));
        Assert.Equal("no content", Describe.WingLookup(ConnectorResult.Empty<Wing>()));
        Assert.Equal("error 404: No wing.", Describe.WingLookup(ConnectorResult.FromError<Wing>(HttpStatusCode.NotFound, new ConnectorError("404", "No wing."))));
        Assert.Equal(
            "unavailable, retry in 30s",
            Describe.WingLookup(ConnectorResult.FromError<Wing>(HttpStatusCode.ServiceUnavailable, new ConnectorError("503", "Busy."), TimeSpan.FromSeconds(30))));
    }
}
