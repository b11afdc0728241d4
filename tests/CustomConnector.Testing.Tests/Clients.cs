namespace CustomConnector.Testing.Tests;

/// <summary>Connector clients over a fake, with retries that wait no real time.</summary>
internal static class Clients
{
    public static ConnectorClient Create(FakeConnectorApi api, Action<ConnectorClientOptions>? configure = null)
    {
        var options = new ConnectorClientOptions();
        options.Resilience.BaseDelay = TimeSpan.Zero;
        options.Resilience.MaxDelay = TimeSpan.Zero;
        configure?.Invoke(options);
        return api.CreateClient(options);
    }
}
