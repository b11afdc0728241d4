using System.CommandLine;
using CustomConnector.Cli.Definitions;
using CustomConnector.Cli.Output;

namespace CustomConnector.Cli.Commands;

/// <summary><c>validate</c>: the startup validation of <c>AddCustomConnector</c>, every problem with its configuration path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var definition = new DefinitionOptions();
        var output = CommandContext.CreateOutputOption();
        var command = new Command("validate", """
            Check a connector definition with the same binding and validation as a host app's startup
            (AddCustomConnector(name, configuration) with ValidateOnStart), secrets from the environment included.
            Every problem is listed, one per line, by its configuration path.
            Exit code: 0 valid, 2 problems found (or the file does not load).

            Examples:
              customconnector validate -d wings.json
              WINGS_Authentication__Password=... customconnector validate -d wings.json --output json
              customconnector validate -d appsettings.json --section Connectors:Wings
            """);
        definition.AddTo(command);
        command.Add(output);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var format = parseResult.GetValue(output);
            LoadedConnector connector;
            try
            {
                connector = DefinitionLoader.Load(definition.Read(parseResult), environment, preview: false, environment.Error);
            }
            catch (UsageException exception)
            {
                environment.Error.WriteLine($"usage: {exception.Message}");
                return ExitCodes.Usage;
            }

            await using (connector.ConfigureAwait(false))
            {
                var path = parseResult.GetRequiredValue(definition.Definition);
                if (format == OutputFormat.Json)
                {
                    environment.Out.WriteLine(JsonText.Write(
                        writer =>
                        {
                            writer.WriteStartObject();
                            writer.WriteString("definition", path);
                            writer.WriteString("connector", connector.Name);
                            writer.WriteBoolean("valid", connector.Problems.Count == 0);
                            writer.WriteStartArray("problems");
                            foreach (var problem in connector.Problems)
                            {
                                writer.WriteStringValue(problem);
                            }

                            writer.WriteEndArray();
                            writer.WriteEndObject();
                        },
                        indented: true));
                }
                else if (connector.Problems.Count > 0)
                {
                    CommandContext.WriteProblems(environment.Out, connector, path);
                }
                else
                {
                    var options = connector.Options;
                    environment.Out.WriteLine($"{path}: valid (connector '{connector.Name}', {options.BaseAddress}, {options.AuthenticationSettings.Type} authentication, {options.Endpoints.Count} endpoint{(options.Endpoints.Count == 1 ? string.Empty : "s")}: {string.Join(", ", options.Endpoints.Keys)}).");
                }

                return connector.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Usage;
            }
        });
        return command;
    }
}
