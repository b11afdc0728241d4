namespace CustomConnector.Internal;

/// <summary>Where options being validated come from, which decides how their problems are named and what is required.</summary>
/// <param name="Prefix">The path that names each setting: <c>Connectors:Wings</c> when bound from configuration, the connector's name when configured in code through dependency injection, empty for a client made in code.</param>
/// <param name="BaseAddressRequired">True when a base address must be given (a registered connector has no other source of one).</param>
/// <param name="FallbackBaseAddress">The base address used when the options have none (an <see cref="HttpClient"/>'s own).</param>
/// <param name="HasProviderFromServices">True when a provider resolved from the container replaces the authentication settings.</param>
/// <param name="ConnectorName">The connector's name in dependency injection (its telemetry's <c>customconnector.connector</c>); <see langword="null"/> for a client made in code.</param>
internal readonly record struct ConnectorValidationContext(
    string Prefix,
    bool BaseAddressRequired = false,
    Uri? FallbackBaseAddress = null,
    bool HasProviderFromServices = false,
    string? ConnectorName = null);
