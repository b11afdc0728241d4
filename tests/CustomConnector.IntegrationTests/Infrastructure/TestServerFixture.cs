namespace CustomConnector.IntegrationTests;

/// <summary>
/// The Kestrel servers the whole suite shares: <see cref="Primary"/> plays the connector's API
/// (its origin is the clients' base address) and <see cref="Secondary"/>, on another port and so
/// another origin, plays any third party that must never see credentials.
/// </summary>
public sealed class TestServerFixture : IAsyncLifetime
{
    private readonly List<LoopbackServer> _extraServers = [];

    public LoopbackServer Primary { get; private set; } = null!;

    public LoopbackServer Secondary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Primary = await LoopbackServer.StartAsync();
        Secondary = await LoopbackServer.StartAsync();
    }

    /// <summary>Starts one more server, on its own port, stopped with the fixture.</summary>
    public async Task<LoopbackServer> StartServerAsync()
    {
        var server = await LoopbackServer.StartAsync();
        lock (_extraServers)
        {
            _extraServers.Add(server);
        }

        return server;
    }

    /// <summary>Creates a client that owns its handler (automatic redirects off), with <see cref="Primary"/> as its base address.</summary>
    public ConnectorClient CreateClient(Action<ConnectorClientOptions>? configure = null)
    {
        var options = new ConnectorClientOptions { BaseAddress = Primary.BaseAddress };

        // Retrying is the resilience tests' subject (they turn it back on); here it would only repeat the same answer.
        options.Resilience.MaxRetries = 0;
        configure?.Invoke(options);
        return new ConnectorClient(options);
    }

    public async Task DisposeAsync()
    {
        List<LoopbackServer> servers;
        lock (_extraServers)
        {
            servers = [.. _extraServers];
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        if (Secondary is not null)
        {
            await Secondary.DisposeAsync();
        }

        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
    }
}
