using System.Net;
using System.Text.Json.Serialization;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task SendAsync_DataEnvelope_ReturnsData()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://api.test/v1/wings/1001")
            .Respond("application/json", """{"data": {"id": 1001, "name": "Wing"}}""");
        using var http = handler.ToHttpClient();
        var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1") });

        var endpoint = ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", 1001).Build();
        var result = await client.SendAsync(endpoint, SmokeJsonContext.Default.Wing);

        Assert.True(result.IsData);
        Assert.Equal(1001, result.Data.Id);
        Assert.Equal("Wing", result.Data.Name);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task SendAsync_ErrorEnvelopeWithNumericCode_ReturnsError()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When("https://api.test/wings/7")
            .Respond(HttpStatusCode.NotFound, "application/json", """{"error": {"code": 404, "description": "Wing 7 does not exist."}}""");
        using var http = handler.ToHttpClient();
        var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") });

        var result = await client.SendAsync(ConnectorEndpoint.Get("/wings/7").WithName("getWing").Build(), SmokeJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("404", result.Error.Code);
        var exception = Assert.Throws<NotFoundException>(() => result.GetDataOrThrow());
        Assert.Equal("getWing", exception.EndpointName);
        Assert.Contains("Wing 7 does not exist.", exception.Message, StringComparison.Ordinal);
    }
}

public sealed record Wing(int Id, string Name);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Wing))]
internal sealed partial class SmokeJsonContext : JsonSerializerContext;
