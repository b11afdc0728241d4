namespace CustomConnector.Testing.Internal;

/// <summary>
/// The primary handler a fake hands out: a thin, disposable front, so that IHttpClientFactory can
/// dispose expired handlers without touching the fake that outlives them.
/// </summary>
internal sealed class FakeApiHandler(FakeConnectorApi api) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        api.HandleAsync(request, cancellationToken);
}
