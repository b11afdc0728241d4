namespace CustomConnector.Cli.Definitions;

/// <summary>Where a connector definition comes from: the file, the connector's name, and what the command line adds.</summary>
/// <param name="Path">The definition file: one connector's section as JSON (comments allowed), or an appsettings file with <paramref name="Section"/>.</param>
/// <param name="Name">The connector's name; by default the file name without <c>.connector.json</c>/<c>.json</c>.</param>
/// <param name="Section">A section of the file that holds the connector, such as <c>Connectors:Wings</c>; none when the file is the connector.</param>
/// <param name="Secrets">Secrets from <c>--secret name=value</c>, by configuration key relative to the connector.</param>
/// <param name="BaseAddress">A base address that replaces the definition's, from <c>--base-address</c>.</param>
internal sealed record DefinitionSource(string Path, string? Name, string? Section, IReadOnlyList<KeyValuePair<string, string>> Secrets, Uri? BaseAddress);
