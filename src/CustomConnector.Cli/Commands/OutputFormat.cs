namespace CustomConnector.Cli.Commands;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>For people: a status line, headers and the pretty-printed body.</summary>
    Text,

    /// <summary>One JSON document on stdout, for scripts.</summary>
    Json,
}
