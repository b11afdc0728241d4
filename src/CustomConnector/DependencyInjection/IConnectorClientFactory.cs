namespace CustomConnector;

/// <summary>Creates the clients of connectors registered with <c>AddCustomConnector</c>.</summary>
public interface IConnectorClientFactory
{
    /// <summary>Creates a client for the connector registered as <paramref name="name"/>.</summary>
    /// <param name="name">The connector's name (case-sensitive, as registered).</param>
    /// <returns>A client; cheap to create, and safe to keep: it picks up configuration changes on its next request.</returns>
    /// <exception cref="ArgumentException">No connector is registered under that name (the message lists those that are).</exception>
    IConnectorClient CreateClient(string name);
}
