using System.CommandLine;
using CustomConnector.Cli.Commands;

namespace CustomConnector.Cli;

/// <summary>The <c>customconnector</c> tool: its commands, and the entry point tests call in-process.</summary>
internal static class CliApplication
{
    public const string Description = """
        customconnector: try, page and preview the endpoints of a CustomConnector definition from the shell,
        validate a definition, and import one from an OpenAPI document.

        A definition is a JSON file holding one connector's settings, as AddCustomConnector binds them
        (BaseAddress, Authentication, Endpoints, ...). Secrets never go in it: they come from environment
        variables named after the connector (WINGS_Authentication__Password for wings.json) or --secret.

        Exit codes: 0 data or empty result, 2 usage or definition error, 3 error result (4xx/5xx),
        4 timeout or network failure, 5 response format error.

        Examples:
          customconnector import openapi petstore.yaml --output petstore.json
          customconnector validate -d petstore.json
          customconnector send -d petstore.json -e getPetById -p petId=1
        """;

    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand(Description)
        {
            SendCommand.Create(environment),
            PageCommand.Create(environment),
            PreviewCommand.Create(environment),
            ValidateCommand.Create(environment),
            ImportCommand.Create(environment),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = CreateRootCommand(environment);
        // No response files: '@file.json' is --body's own syntax.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"usage: {error.Message}").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync($"Run 'customconnector {CommandPath(parseResult)}--help' for the options and examples.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C (System.CommandLine cancels the action's token) or the caller's token.
            await environment.Error.WriteLineAsync("cancelled.").ConfigureAwait(false);
            return 130;
        }
        finally
        {
            await environment.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await environment.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? string.Empty : string.Join(' ', names) + " ";
    }
}
