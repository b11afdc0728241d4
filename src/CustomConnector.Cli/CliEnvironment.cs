using System.Collections;

namespace CustomConnector.Cli;

/// <summary>What the tool reads from and writes to, passed in rather than taken from <see cref="Console"/>, so that tests can run it in-process.</summary>
internal sealed class CliEnvironment
{
    /// <summary>Gets the writer for results (stdout).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the writer for diagnostics and progress (stderr).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets the reader for <c>--body -</c> (stdin).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Gets the environment variables, where secrets come from.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets a value indicating whether stdout is a terminal (colour for the result kind).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Gets a value indicating whether stderr is a terminal (progress lines).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Gets the directory relative paths are resolved against.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Gets the environment of this process.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        var noColor = variables.ContainsKey("NO_COLOR");
        return new CliEnvironment
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            Variables = variables,
            OutIsTerminal = !Console.IsOutputRedirected && !noColor,
            ErrorIsTerminal = !Console.IsErrorRedirected,
        };
    }
}
