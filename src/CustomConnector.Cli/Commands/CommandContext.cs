using System.CommandLine;
using CustomConnector.Cli.Definitions;

namespace CustomConnector.Cli.Commands;

/// <summary>Loads a definition for a command, reports its problems, and turns failures into exit codes.</summary>
internal static class CommandContext
{
    public static Option<OutputFormat> CreateOutputOption() => new("--output", "-o")
    {
        Description = "text (default): for people; json: one machine-readable document on stdout.",
        DefaultValueFactory = _ => OutputFormat.Text,
        HelpName = "text|json",
    };

    /// <summary>Loads the definition and, when it is valid, runs <paramref name="run"/>; every failure becomes its exit code and a message on stderr.</summary>
    public static async Task<int> RunWithConnectorAsync(
        DefinitionOptions definition,
        ParseResult parseResult,
        CliEnvironment environment,
        bool preview,
        Func<LoadedConnector, Task<int>> run,
        Action<LoadedConnector?, Exception, int, string>? reportFailure = null)
    {
        LoadedConnector? connector = null;
        try
        {
            connector = DefinitionLoader.Load(definition.Read(parseResult), environment, preview, environment.Error);
            if (connector.Problems.Count > 0)
            {
                WriteProblems(environment.Error, connector, parseResult.GetRequiredValue(definition.Definition));
                return ExitCodes.Usage;
            }

            return await run(connector).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var (exitCode, kind) = CallFailure.Classify(exception);
            if (reportFailure is not null)
            {
                reportFailure(connector, exception, exitCode, kind);
            }
            else
            {
                WriteFailure(environment.Error, connector, exception, kind);
            }

            return exitCode;
        }
        finally
        {
            if (connector is not null)
            {
                await connector.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public static void WriteFailure(TextWriter error, LoadedConnector? connector, Exception exception, string kind)
    {
        var message = $"{kind}: {exception.Message}";
        if (exception is ConnectorException { InnerException: { } inner } && kind == "network" && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message += $" ({inner.Message})";
        }

        error.WriteLine(Mask(connector, message));
    }

    public static string Mask(LoadedConnector? connector, string text)
    {
        if (connector is null || connector.Problems.Count > 0)
        {
            return text;
        }

        try
        {
            return connector.Masker.MaskText(text);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException)
        {
            return text;
        }
    }

    /// <summary>Writes the startup problems, one per line, with a hint naming the environment variable for a missing secret.</summary>
    public static void WriteProblems(TextWriter writer, LoadedConnector connector, string path)
    {
        writer.WriteLine($"{path}: {connector.Problems.Count} problem{(connector.Problems.Count == 1 ? string.Empty : "s")} (connector '{connector.Name}'):");
        foreach (var problem in connector.Problems)
        {
            writer.WriteLine($"  {problem}");
            foreach (var hint in SecretHints(connector, problem))
            {
                writer.WriteLine($"    {hint}");
            }
        }
    }

    public static IEnumerable<string> SecretHints(LoadedConnector connector, string problem)
    {
        foreach (var key in (string[])[.. DefinitionLoader.SecretKeys, "Authentication:Username", "Authentication:ClientId"])
        {
            var leaf = key["Authentication:".Length..];
            if (problem.Contains(":" + key + " ", StringComparison.Ordinal) || problem.Contains(":" + leaf + " is required", StringComparison.Ordinal))
            {
                yield return $"set {DefinitionLoader.EnvironmentVariableFor(connector.EnvironmentPrefix, connector.SectionPrefix, key)} or pass --secret {leaf}=...";
            }
        }
    }
}
