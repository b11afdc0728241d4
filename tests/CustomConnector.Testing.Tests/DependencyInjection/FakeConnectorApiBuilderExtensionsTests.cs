using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Testing.Tests.DependencyInjection;

public sealed class FakeConnectorApiBuilderExtensionsTests
{
    private static readonly TestJsonContext Json = TestJsonContext.Default;

    [Fact]
    public async Task UseFakeApi_RegisteredConnector_KeyedClientSendsToTheFake()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings/{id}").ReplyWithData(new Wing(7, "Delta"), Json.Wing);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.example.com/v1/"))
            .AddApiKey("X-Api-Key", "key-1")
            .UseFakeApi(api);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        var wing = (await client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), Json.Wing)).GetDataOrThrow();

        Assert.Equal("Delta", wing.Name);
        route.SingleRequest().AssertHeader("X-Api-Key", "key-1");
        Assert.Equal("api.example.com", route.SingleRequest().Uri.Host);
    }

    [Fact]
    public async Task UseFakeApi_TypedClient_ReceivesAClientOverTheFake()
    {
        var api = new FakeConnectorApi();
        api.OnGet("wings").ReplyWithDataJson("""[{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]""");
        var services = new ServiceCollection();
        services.AddCustomConnector<WingsApi>("wings", o => o.BaseAddress = new Uri("https://api.example.com/v1/")).UseFakeApi(api);
        await using var provider = services.BuildServiceProvider();

        var wings = await provider.GetRequiredService<WingsApi>().ListAsync();

        Assert.Equal(2, wings.Length);
    }

    [Fact]
    public async Task UseFakeApi_OAuth2Connector_TokenRequestGoesToTheFakeToo()
    {
        var api = new FakeConnectorApi();
        var token = api.OnPost("/oauth/token").ReplyWith(HttpStatusCode.OK, """{"access_token": "fake-token", "token_type": "Bearer", "expires_in": 3600}""");
        var route = api.OnGet("flights").ReplyWithDataJson("[]");
        var services = new ServiceCollection();
        services.AddCustomConnector("flights", o => o.BaseAddress = new Uri("https://api.example.com/v1/"))
            .AddOAuth2ClientCredentials(o =>
            {
                o.TokenEndpoint = new Uri("https://login.example.com/oauth/token");
                o.ClientId = "client";
                o.ClientSecret = "secret";
            })
            .UseFakeApi(api);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IConnectorClient>("flights");
        (await client.SendAsync(ConnectorEndpoint.Get("flights").Build(), Json.WingArray)).EnsureSuccess();

        Assert.Equal("login.example.com", token.SingleRequest().Uri.Host);
        route.SingleRequest().AssertHeader("Authorization", "Bearer fake-token");
    }

    [Fact]
    public async Task UseFakeApi_ConfigurePrimaryHandlerAfterwards_FakeStaysTheHandler()
    {
        var api = new FakeConnectorApi();
        var route = api.OnGet("wings").ReplyWithDataJson("[]");
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.example.com/v1/"))
            .UseFakeApi(api)
            .ConfigurePrimaryHandler(handler => handler.MaxConnectionsPerServer = 4);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray);

        Assert.Equal(1, route.CallCount);
    }

    [Fact]
    public void UseFakeApi_NullFake_ThrowsArgumentNullException()
    {
        var builder = new ServiceCollection().AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.example.com/"));

        Assert.Throws<ArgumentNullException>(() => builder.UseFakeApi(null!));
    }

    public sealed class WingsApi(IConnectorClient connector)
    {
        public async Task<Wing[]> ListAsync() =>
            (await connector.SendAsync(ConnectorEndpoint.Get("wings").Build(), Json.WingArray)).GetDataOrThrow();
    }
}
