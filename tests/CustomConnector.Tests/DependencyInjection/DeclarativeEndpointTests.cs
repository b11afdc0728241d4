using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.DependencyInjection;

public sealed class DeclarativeEndpointTests
{
    [Fact]
    public async Task GetEndpoint_ConfiguredDefinition_PrefillsMethodPathQueryHeadersAndTakesCallSiteValues()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/v1/"),
            ("Connectors:Wings:Endpoints:getWing:Method", "GET"),
            ("Connectors:Wings:Endpoints:getWing:Path", "wings/{id}"),
            ("Connectors:Wings:Endpoints:getWing:Query:expand", "parts"),
            ("Connectors:Wings:Endpoints:getWing:Headers:X-Trace", "on"));
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://api.test/v1/wings/1001?expand=parts&lang=en")
            .WithHeaders("X-Trace", "on")
            .Respond("application/json", ConnectorTestHost.DataJson);
        var client = CreateClient(configuration, handler);

        var endpoint = client.GetEndpoint("getWing").WithPathParameter("id", 1001).WithQueryParameter("lang", "en").Build();
        var result = await client.SendAsync(endpoint, DiJsonContext.Default.WingDto);

        Assert.Equal("getWing", endpoint.Name);
        Assert.Equal(1001, result.GetDataOrThrow().Id);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetEndpoint_PostWithConfiguredBody_SendsTheBodyUnlessTheCallSiteReplacesIt()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Endpoints:createWing:Method", "post"),
            ("Connectors:Wings:Endpoints:createWing:Path", "wings"),
            ("Connectors:Wings:Endpoints:createWing:Body", """{"name":"default"}"""));
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, "https://api.test/wings").WithContent("""{"name":"default"}""").Respond(HttpStatusCode.NoContent);
        handler.Expect(HttpMethod.Post, "https://api.test/wings").WithContent("""{"id":7,"name":"Custom"}""").Respond(HttpStatusCode.NoContent);
        var client = CreateClient(configuration, handler);

        await client.SendAsync(client.GetEndpoint("createWing").Build(), DiJsonContext.Default.WingDto);
        await client.SendAsync(client.GetEndpoint("createWing").WithJsonBody(new WingDto(7, "Custom"), DiJsonContext.Default.WingDto).Build(), DiJsonContext.Default.WingDto);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void GetEndpoint_UnknownName_ListsTheDefinedNames()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Endpoints:getWing:Path", "wings/{id}"),
            ("Connectors:Wings:Endpoints:listWings:Path", "wings"));
        using var handler = new MockHttpMessageHandler();
        var client = CreateClient(configuration, handler);

        var exception = Assert.Throws<ArgumentException>(() => client.GetEndpoint("deleteWing"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("'deleteWing'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("getWing, listWings", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetEndpoint_GetDefinition_RefusesABody()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Endpoints:getWing:Path", "wings/{id}"));
        using var handler = new MockHttpMessageHandler();
        var client = CreateClient(configuration, handler);

        var exception = Assert.Throws<InvalidOperationException>(() => client.GetEndpoint("getWing").WithContent(new StringContent("{}")));

        Assert.Contains("GET request carries no body", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCustomConnector_StandaloneJsonFile_DefinesTheWholeConnector()
    {
        var directory = Directory.CreateTempSubdirectory("connector-profile-");
        try
        {
            var profile = Path.Combine(directory.FullName, "wings.connector.json");
            await File.WriteAllTextAsync(profile, """
                {
                  "BaseAddress": "https://api.test/v1/",
                  "Timeout": "00:00:15",
                  "Authentication": { "Type": "ApiKey", "ApiKeyName": "X-Api-Key", "ApiKeyLocation": "Header" },
                  "Endpoints": {
                    "getWing": { "Method": "GET", "Path": "wings/{id}" }
                  }
                }
                """);
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(profile)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Authentication:ApiKeyValue"] = "kept-out-of-the-file" })
                .Build();
            using var handler = new MockHttpMessageHandler();
            handler.Expect(HttpMethod.Get, "https://api.test/v1/wings/5").WithHeaders("X-Api-Key", "kept-out-of-the-file").Respond("application/json", ConnectorTestHost.DataJson);
            var services = new ServiceCollection();
            services.AddCustomConnector("wings", configuration).UseHandler(handler);
            using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

            var result = await client.SendAsync(client.GetEndpoint("getWing").WithPathParameter("id", 5).Build(), DiJsonContext.Default.WingDto);

            Assert.True(result.IsData);
            handler.VerifyNoOutstandingExpectation();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IConnectorClient CreateClient(IConfiguration configuration, MockHttpMessageHandler handler)
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(handler);
        return services.BuildServiceProvider().GetRequiredKeyedService<IConnectorClient>("wings");
    }

    [Fact]
    public void ValidateOnStart_QueryValueTheBuilderRefuses_FailsAtStartupNamingTheEndpoint()
    {
        var failures = ConnectorTestHost.StartupFailures(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/",
            ["Connectors:Wings:Endpoints:listWings:Path"] = "wings",
            ["Connectors:Wings:Endpoints:listWings:Query:tag"] = "a\uD800b",
        });

        var failure = Assert.Single(failures);
        Assert.StartsWith("Connectors:Wings:Endpoints:listWings is refused: The value of query parameter 'tag'", failure, StringComparison.Ordinal);
    }
}
