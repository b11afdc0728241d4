namespace CustomConnector.Cli.OpenApi;

/// <summary>One operation mapped to a connector endpoint.</summary>
internal sealed class ImportedEndpoint
{
    public required string Name { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>Gets what the definition cannot say but a caller must know: required parameters, the JSON body.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Gets fixed query values (required parameters that have a default or a single allowed value).</summary>
    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the pagination settings guessed from the operation's shape; empty when none was plain.</summary>
    public Dictionary<string, string> Pagination { get; } = new(StringComparer.Ordinal);
}
