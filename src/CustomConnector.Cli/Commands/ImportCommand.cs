using System.CommandLine;

namespace CustomConnector.Cli.Commands;

/// <summary><c>import</c>: creates connector definitions from API descriptions.</summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("import", """
            Create a connector definition from an API description.

            Examples:
              customconnector import openapi petstore.yaml --output petstore.json
            """);
        _ = environment;
        return command;
    }
}
