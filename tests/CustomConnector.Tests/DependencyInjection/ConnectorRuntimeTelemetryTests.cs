using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.DependencyInjection;

/// <summary>A registered connector's token fetches and page walks report through the container's logger and meter factories, named after the connector.</summary>
public sealed class ConnectorRuntimeTelemetryTests
{
    private const string ClientSecret = "di-secret-Vb73";
    private const string AccessToken = "di-token-Hh21";

    [Fact]
    public async Task AddCustomConnector_OAuthAndPaging_TokenAndPagesReportThroughTheContainerNamedAfterTheConnector()
    {
        using var capture = new TelemetryRecorder();
        var endpointName = $"list-{Guid.NewGuid():N}";
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", ClientSecret));
        using var tokenHandler = new MockHttpMessageHandler();
        tokenHandler.Fallback.Respond("application/json", $$"""{"access_token": "{{AccessToken}}", "token_type": "Bearer", "expires_in": 3600}""");
        using var apiHandler = new MockHttpMessageHandler();
        apiHandler.Fallback.Respond(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(
                request.RequestUri!.Query.Contains("page=2", StringComparison.Ordinal) ? """{"data": [{"id": 2, "name": "b"}]}""" : """{"data": [{"id": 1, "name": "a"}], "next": "wings?page=2"}""",
                Encoding.UTF8,
                "application/json"),
        });
        var services = new ServiceCollection();
        services.AddSingleton(capture.LoggerFactory);
        services.AddSingleton<IMeterFactory>(capture.MeterFactory);
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(apiHandler);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var tokenRequests = new MetricCollector<long>(capture.MeterFactory, ConnectorDiagnostics.MeterName, "customconnector.client.token.requests");
        using var pages = new MetricCollector<long>(capture.MeterFactory, ConnectorDiagnostics.MeterName, "customconnector.client.pages");
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        var items = new List<WingDto>();
        await foreach (var item in client.PaginateAsync(ConnectorEndpoint.Get("wings").WithName(endpointName).Build(), CustomConnector.Pagination.RelativePath("next"), DiJsonContext.Default.WingDto))
        {
            items.Add(item);
        }

        Assert.Equal(2, items.Count);
        var fetched = Assert.Single(capture.Records, r => r.Id.Id == 100);
        Assert.Equal(LogLevel.Debug, fetched.Level);
        var tokenRequest = Assert.Single(tokenRequests.GetMeasurementSnapshot());
        Assert.Equal("success", tokenRequest.Tags["customconnector.token.outcome"]);
        Assert.Equal("wings", tokenRequest.Tags["customconnector.connector"]);
        var ownPages = pages.GetMeasurementSnapshot().Where(m => endpointName.Equals(m.Tags["customconnector.endpoint"])).ToList();
        Assert.Equal(2, ownPages.Count);
        Assert.All(ownPages, m => Assert.Equal("wings", m.Tags["customconnector.connector"]));
        var walk = Assert.Single(capture.Activities, a => a.OperationName == $"GET {endpointName} pages");
        Assert.Equal("wings", walk.GetTagItem("customconnector.connector"));
        Assert.Equal("wings", Assert.Single(capture.Activities, a => a.OperationName == "POST token").GetTagItem("customconnector.connector"));
        capture.AssertNoSecret([ClientSecret, AccessToken], ownPages.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")));
    }
}
