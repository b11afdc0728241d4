using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.IntegrationTests;

/// <summary>An endpoint whose paging is defined in configuration pages with nothing but its name at the call site.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class ConfiguredPaginationTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task PaginateAsync_EndpointFromConfiguration_PagesWithTheConfiguredStrategy()
    {
        var path = PagedWingsApi.Map(Server, PagingStyle.Cursor, 1003);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = Server.BaseAddress.ToString(),
            ["Connectors:Wings:Resilience:MaxRetries"] = "0",
            ["Connectors:Wings:Endpoints:listWings:Path"] = path.TrimStart('/'),
            ["Connectors:Wings:Endpoints:listWings:Pagination:Type"] = "Cursor",
            ["Connectors:Wings:Endpoints:listWings:Pagination:CursorPath"] = "paging.cursors.after",
            ["Connectors:Wings:Endpoints:listWings:Pagination:CursorParameter"] = "after",
            ["Connectors:Wings:Endpoints:listWings:Pagination:PageSizeParameter"] = "pageSize",
            ["Connectors:Wings:Endpoints:listWings:Pagination:PageSize"] = "100",
        }).Build();
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        var wings = await client.PaginateAsync(client.GetEndpoint("listWings").Build(), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(Enumerable.Range(0, 1003), wings.Select(w => w.Id));
        var requests = Server.RequestsTo(path);
        Assert.Equal(11, requests.Count);
        Assert.Empty(requests[0].QueryValues("after"));
        Assert.Equal(["cur_64"], requests[1].QueryValues("after"));
        Assert.All(requests, request => Assert.Equal(["100"], request.QueryValues("pageSize")));
    }
}
