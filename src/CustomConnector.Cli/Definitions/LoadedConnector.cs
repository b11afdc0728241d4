using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomConnector.Cli.Definitions;

/// <summary>A connector definition loaded into its own container: its client, options, recorder and startup problems.</summary>
internal sealed class LoadedConnector(string name, ServiceProvider services, RequestRecorder recorder, IReadOnlyList<string> problems, string environmentPrefix, string sectionPrefix) : IAsyncDisposable
{
    private SecretMasker? _masker;

    public string Name { get; } = name;

    public RequestRecorder Recorder { get; } = recorder;

    /// <summary>Gets the startup validation's problems, one per line, each named by its configuration path.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    public string EnvironmentPrefix { get; } = environmentPrefix;

    public string SectionPrefix { get; } = sectionPrefix;

    /// <summary>Gets the bound options (valid only when <see cref="Problems"/> is empty).</summary>
    public ConnectorClientOptions Options => services.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>().Get(Name);

    /// <summary>Gets the masker for this connector's secrets; it also learns OAuth tokens as the recorder sees them.</summary>
    public SecretMasker Masker => _masker ??= SecretMasker.Create(Options, Recorder);

    /// <summary>Creates the connector's client through <see cref="IConnectorClientFactory"/>, as a host app resolves it.</summary>
    public IConnectorClient CreateClient() => services.GetRequiredService<IConnectorClientFactory>().CreateClient(Name);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
