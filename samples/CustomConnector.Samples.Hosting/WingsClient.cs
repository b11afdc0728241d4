namespace CustomConnector.Samples.Hosting;

/// <summary>
/// A typed client: the app's own API over the "wings" connector. <c>AddCustomConnector&lt;WingsClient&gt;</c>
/// injects the connector's <see cref="IConnectorClient"/>; the endpoints come from configuration.
/// </summary>
public sealed class WingsClient(IConnectorClient connector)
{
    public async Task<Wing[]> ListAsync(CancellationToken cancellationToken) =>
        (await connector.SendAsync(connector.GetEndpoint("listWings").Build(), HostingJsonContext.Default.WingArray, cancellationToken)).GetDataOrThrow();

    public async Task<Wing?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var endpoint = connector.GetEndpoint("getWing").WithPathParameter("id", id).Build();
        var result = await connector.SendAsync(endpoint, HostingJsonContext.Default.Wing, cancellationToken);
        return result.Match<Wing?>(
            onEmpty: () => null,
            onData: wing => wing,
            onError: error => error.Code == "404" ? null : throw result.ToException()!);
    }

    public async Task<Wing> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var endpoint = connector.GetEndpoint("createWing").WithJsonBody(new NewWing(name), HostingJsonContext.Default.NewWing).Build();
        return (await connector.SendAsync(endpoint, HostingJsonContext.Default.Wing, cancellationToken)).GetDataOrThrow();
    }

    public async Task<Hangar> GetHangarAsync(CancellationToken cancellationToken) =>
        (await connector.SendAsync(connector.GetEndpoint("getHangar").Build(), HostingJsonContext.Default.Hangar, cancellationToken)).GetDataOrThrow();
}
