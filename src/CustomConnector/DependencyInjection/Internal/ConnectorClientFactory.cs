using System.Collections.Concurrent;

namespace CustomConnector.Internal;

/// <summary>Creates clients for the connectors registered in this container.</summary>
internal sealed class ConnectorClientFactory : IConnectorClientFactory
{
    private readonly Dictionary<string, ConnectorRegistration> _registrations;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, ConnectorRuntime> _runtimes = new(StringComparer.Ordinal);

    public ConnectorClientFactory(IEnumerable<ConnectorRegistration> registrations, IServiceProvider services)
    {
        _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _services = services;
    }

    public IConnectorClient CreateClient(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_registrations.TryGetValue(name, out var registration))
        {
            var known = _registrations.Count == 0
                ? "No connectors are registered; call services.AddCustomConnector(name, ...)."
                : $"Registered connectors: {string.Join(", ", _registrations.Keys.Order(StringComparer.Ordinal))}.";
            throw new ArgumentException($"No connector is registered as '{name}'. {known}", nameof(name));
        }

        var runtime = _runtimes.GetOrAdd(name, static (_, state) => new ConnectorRuntime(state.registration, state.services), (registration, services: _services));
        return new FactoryConnectorClient(runtime);
    }
}
