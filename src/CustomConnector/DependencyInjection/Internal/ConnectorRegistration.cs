namespace CustomConnector.Internal;

/// <summary>What <c>AddCustomConnector</c> recorded about one connector, read when its clients are created.</summary>
internal sealed class ConnectorRegistration(string name, string configurationPath)
{
    public string Name { get; } = name;

    /// <summary>Gets the prefix that validation messages use, such as <c>Connectors:Wings</c>.</summary>
    public string ConfigurationPath { get; } = configurationPath;

    /// <summary>Gets or sets a provider that replaces the configured authentication, resolved from DI.</summary>
    public Func<IServiceProvider, IAuthenticationHeaderProvider>? AuthenticationProviderFactory { get; set; }

    public string TokenClientName => $"{Name}.OAuth2TokenEndpoint";

    /// <summary>Gets how the connector's options are validated (named by its configuration path, with a base address required) and whose they are.</summary>
    public ConnectorValidationContext ValidationContext => new(ConfigurationPath, BaseAddressRequired: true, HasProviderFromServices: AuthenticationProviderFactory is not null, ConnectorName: Name);
}
