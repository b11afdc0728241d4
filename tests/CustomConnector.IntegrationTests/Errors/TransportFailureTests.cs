using System.Net;
using System.Net.Sockets;

namespace CustomConnector.IntegrationTests;

/// <summary>Failures below HTTP (refused connections, connections cut mid-response) surface as <see cref="ConnectorException"/>, promptly.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class TransportFailureTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    [Fact]
    public async Task SendAsync_PortClosed_ThrowsConnectorExceptionWrappingHttpRequestException()
    {
        var closed = ClosedLoopbackAddress();
        using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = closed, Resilience = { MaxRetries = 0 } });
        var endpoint = ConnectorEndpoint.Get("wings").WithName("listWings").Build();

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(endpoint, IntegrationJsonContext.Default.ListWing).WithSafetyTimeout());

        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Null(exception.StatusCode);
        Assert.Equal("listWings", exception.EndpointName);
        Assert.Equal(new Uri(closed, "wings"), exception.RequestUri);
    }

    [Fact]
    public async Task SendAsync_PortClosedWithSecretInQuery_KeepsTheSecretOutOfTheException()
    {
        var closed = ClosedLoopbackAddress();
        using var client = new ConnectorClient(new ConnectorClientOptions
        {
            BaseAddress = closed,
            Resilience = { MaxRetries = 0 },
            Authentication = new ApiKeyProvider("sig", "query-secret-1", ApiKeyLocation.Query),
        });
        var endpoint = ConnectorEndpoint.Get("wings").WithQueryParameter("access_token", "query-secret-2").WithQueryParameter("page", 2).Build();

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(endpoint, IntegrationJsonContext.Default.ListWing).WithSafetyTimeout());

        Assert.DoesNotContain("query-secret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", exception.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains("page=2", exception.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerAbortsBeforeResponding_ThrowsConnectorExceptionWrappingHttpRequestException()
    {
        var path = Server.Map(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        using var client = servers.CreateClient();

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Null(exception.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SendAsync_ServerAbortsMidBody_ThrowsConnectorExceptionInsteadOfHanging(bool withContentLength)
    {
        // The abort comes only once the client has parsed an item, so it is certainly mid-body.
        var probe = StreamProbe.Install();
        var path = Server.Map(async context =>
        {
            context.Response.ContentType = "application/json";
            if (withContentLength)
            {
                context.Response.ContentLength = 10 * 1024 * 1024;
            }

            await Reply.WriteProbedItemsAsync(context, "{\"data\":[", 0, 2000);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await probe.FirstItemRead.WaitAsync(SafetyTimeout.Server, context.RequestAborted);
            context.Abort();
        });
        using var client = servers.CreateClient();

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListProbedItem).WithSafetyTimeout());

        Assert.True(probe.ItemsRead > 0);
        Assert.IsAssignableFrom<IOException>(exception.InnerException);
        Assert.Contains("before a complete response arrived", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns the address of a loopback port that was just listening and is now closed, so connecting is refused.</summary>
    private static Uri ClosedLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/api/");
    }
}
