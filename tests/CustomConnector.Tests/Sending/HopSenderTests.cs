using System.Net;

namespace CustomConnector.Tests.Sending;

/// <summary>The hop sender through the client: what a provider declares it owns is what leaves a server-supplied hop.</summary>
public sealed class HopSenderTests
{
    [Fact]
    public async Task SendAsync_RedirectCopyingACustomProvidersQueryKey_DropsItByTheNameTheProviderDeclares()
    {
        using var connector = new TestConnector(request => request.RequestUri!.Host == "api.test"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://cdn.test/wings.json?page=2&sig=s3cr3t") } }
            : new HttpResponseMessage(HttpStatusCode.NoContent),
            new ConnectorClientOptions { Authentication = new SignatureProvider() });

        await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(2, connector.Requests.Count);
        Assert.Equal("https://api.test/v1/wings?sig=s3cr3t", connector.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://cdn.test/wings.json?page=2", connector.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendAsync_HttpEndpointWithTheProvidersOwnHeaderName_IsRefusedBeforeSending()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new ApiKeyProvider("X-Tenant", "k3y") });
        var endpoint = ConnectorEndpoint.Get("http://other.test/wings").WithHeader("X-Tenant", "k3y").Build();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Contains("plain http", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
    }

    /// <summary>A custom provider that signs requests in the query, and says so.</summary>
    private sealed class SignatureProvider : IAuthenticationHeaderProvider
    {
        public IReadOnlyList<string> CredentialQueryParameterNames { get; } = ["sig"];

        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri + (request.RequestUri.Query.Length > 0 ? "&" : "?") + "sig=s3cr3t");
            return ValueTask.CompletedTask;
        }
    }
}
