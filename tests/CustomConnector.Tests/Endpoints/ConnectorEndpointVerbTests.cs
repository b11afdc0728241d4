using System.Net;
using CustomConnector.Tests.DependencyInjection;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Tests.Endpoints;

/// <summary>
/// PUT, PATCH and DELETE from code and from configuration: the method sent, the body, and retries that
/// follow the verb's idempotency (RFC 9110: GET, PUT and DELETE are idempotent; POST and PATCH are not).
/// </summary>
public sealed class ConnectorEndpointVerbTests
{
    public static TheoryData<string> BodyVerbs => new() { "PUT", "PATCH", "DELETE" };

    [Theory]
    [MemberData(nameof(BodyVerbs))]
    public async Task SendAsync_VerbWithJsonBody_SendsTheMethodAndTheJson(string verb)
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime());
        var endpoint = Start(verb, "wings/{id}").WithPathParameter("id", 7).WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).Build();

        var result = await client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        var request = Assert.Single(api.Requests);
        Assert.Equal(verb, request.Method.Method);
        Assert.Equal("https://api.test/v1/wings/7", request.Uri.ToString());
        Assert.Equal("""{"customerName":"Ann","total":2}""", request.BodyText);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DeleteWithoutBody_SendsNoContent()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.NoContent));
        using var client = api.CreateClient(new WatchedTime());

        var result = await client.SendAsync(ConnectorEndpoint.Delete("wings/7").Build(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        var request = Assert.Single(api.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.True(request.Body is null || request.Body.Length == 0);
    }

    [Theory]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("PATCH", false)]
    public void IsIdempotent_ByVerb_FollowsRfc9110(string verb, bool idempotent)
    {
        Assert.Equal(idempotent, Start(verb, "wings/7").Build().IsIdempotent);
    }

    [Theory]
    [InlineData("PUT", 3)]
    [InlineData("DELETE", 3)]
    [InlineData("PATCH", 1)]
    public async Task SendAsync_Answered503ThenData_RetriesOnlyIdempotentVerbs(string verb, int attempts)
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var endpoint = Start(verb, "wings/7").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).Build();

        var result = await client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(attempts, api.Count);
        Assert.Equal(attempts == 1 ? ConnectorResultKind.Error : ConnectorResultKind.Data, result.Kind);
        Assert.All(api.Requests, r => Assert.Equal(verb, r.Method.Method));
        Assert.All(api.Requests, r => Assert.Equal("""{"customerName":"Ann","total":2}""", r.BodyText));
    }

    [Theory]
    [InlineData("PUT", 2)]
    [InlineData("DELETE", 2)]
    [InlineData("PATCH", 1)]
    public async Task SendAsync_ResponseEnded_ResendsOnlyIdempotentVerbs(string verb, int attempts)
    {
        using var api = new ScriptedApi(number => number == 1 ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.") : ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var endpoint = Start(verb, "wings/7").Build();

        if (attempts == 1)
        {
            await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));
        }
        else
        {
            var result = await client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
            Assert.Equal(ConnectorResultKind.Data, result.Kind);
        }

        Assert.Equal(attempts, api.Count);
    }

    [Fact]
    public async Task SendAsync_PatchWithIdempotencyKey_IsRetriedWithTheSameKey()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.ServiceUnavailable);
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.BaseDelay = TimeSpan.Zero);
        var endpoint = ConnectorEndpoint.Patch("wings/7").WithJsonBody(new Order("Ann", 2), TestJsonContext.Default.Order).WithIdempotencyKey("patch-7").Build();

        var result = await client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(2, api.Count);
        Assert.All(api.Requests, r => Assert.Equal("patch-7", r.Header("Idempotency-Key")));
    }

    [Theory]
    [InlineData("put", "PUT", true)]
    [InlineData("PATCH", "PATCH", false)]
    [InlineData("Delete", "DELETE", true)]
    public async Task GetEndpoint_ConfiguredVerb_SendsThatMethodWithTheConfiguredBody(string configured, string sent, bool idempotent)
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Status(HttpStatusCode.NoContent));
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/v1/"),
            ("Connectors:Wings:Endpoints:changeWing:Method", configured),
            ("Connectors:Wings:Endpoints:changeWing:Path", "wings/{id}"),
            ("Connectors:Wings:Endpoints:changeWing:Body", """{"name":"default"}"""));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(api.Handler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        var endpoint = client.GetEndpoint("changeWing").WithPathParameter("id", 7).Build();
        var result = await client.SendAsync(endpoint, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        Assert.Equal(idempotent, endpoint.IsIdempotent);
        var request = Assert.Single(api.Requests);
        Assert.Equal(sent, request.Method.Method);
        Assert.Equal("https://api.test/v1/wings/7", request.Uri.ToString());
        Assert.Equal("""{"name":"default"}""", request.BodyText);
    }

    private static EndpointBuilder Start(string verb, string uri) => verb switch
    {
        "PUT" => ConnectorEndpoint.Put(uri),
        "PATCH" => ConnectorEndpoint.Patch(uri),
        "DELETE" => ConnectorEndpoint.Delete(uri),
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "Not a verb under test."),
    };
}
