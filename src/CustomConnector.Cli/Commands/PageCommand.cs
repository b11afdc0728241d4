using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CustomConnector.Cli.Definitions;
using CustomConnector.Cli.Output;

namespace CustomConnector.Cli.Commands;

/// <summary><c>page</c>: walks a paged endpoint and writes its items as JSON Lines.</summary>
internal static class PageCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var definition = new DefinitionOptions();
        var call = new CallOptions();
        var maxItems = new Option<int?>("--max-items", "-n")
        {
            Description = "Stop after this many items.",
            HelpName = "count",
        };
        var command = new Command("page", """
            Walk every page of an endpoint (its Pagination in the definition) and write the items as JSON Lines on stdout,
            one item per line. A progress line (pages, items, rate) goes to stderr when stderr is a terminal.
            Exit code: 0 all items written, 2 usage or definition error, 3 error result, 4 timeout or network failure, 5 response format error.

            Examples:
              customconnector page -d wings.json -e listWings
              customconnector page -d wings.json -e listWings -q color=red --max-items 100 > wings.jsonl
              customconnector page -d wings.json -e listWings | jq -r .name
            """);
        definition.AddTo(command);
        call.AddTo(command);
        command.Add(maxItems);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var limit = parseResult.GetValue(maxItems);
            if (limit is <= 0)
            {
                environment.Error.WriteLine("usage: --max-items must be 1 or more.");
                return Task.FromResult(ExitCodes.Usage);
            }

            return CommandContext.RunWithConnectorAsync(
                definition,
                parseResult,
                environment,
                preview: false,
                connector => PageAsync(connector, call, parseResult, environment, limit, cancellationToken));
        });
        return command;
    }

    private static async Task<int> PageAsync(LoadedConnector connector, CallOptions call, ParseResult parseResult, CliEnvironment environment, int? maxItems, CancellationToken cancellationToken)
    {
        var client = connector.CreateClient();
        var endpoint = call.Build(client, parseResult, environment);
        var masker = connector.Masker;
        var started = Stopwatch.GetTimestamp();
        var pages = 0;
        var items = 0;
        var progress = false;
        try
        {
            await foreach (var page in client.PaginatePagesAsync(endpoint, strategy: null, CliJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false))
            {
                pages++;
                foreach (var item in page.Items)
                {
                    environment.Out.WriteLine(masker.MaskText(JsonText.Format(item, indented: false)));
                    if (++items == maxItems)
                    {
                        return ExitCodes.Success;
                    }
                }

                if (environment.ErrorIsTerminal)
                {
                    progress = true;
                    var seconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, 0.001);
                    environment.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{pages} page{(pages == 1 ? string.Empty : "s")}, {items} items, {items / seconds:0} items/s   "));
                }
            }

            return ExitCodes.Success;
        }
        finally
        {
            if (progress)
            {
                environment.Error.WriteLine();
            }

            await environment.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
