using System.Text.Json;

namespace CustomConnector.Cli.Tests;

/// <summary>One in-process run of the tool: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonDocument Json() => JsonDocument.Parse(Out);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
