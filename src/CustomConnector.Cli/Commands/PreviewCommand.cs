using System.CommandLine;
using System.Text;
using CustomConnector.Cli.Definitions;
using CustomConnector.Cli.Output;

namespace CustomConnector.Cli.Commands;

/// <summary><c>preview</c>: shows the exact request the client would send, without sending anything.</summary>
/// <remarks>
/// The real client builds the request (base address, path, query, headers, authentication, body) and hands it to
/// a primary handler that records it and answers locally; an OAuth token endpoint is answered with a stand-in
/// token, so the request shows its <c>Authorization</c> header (masked) and no token is requested.
/// </remarks>
internal static class PreviewCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var definition = new DefinitionOptions();
        var call = new CallOptions();
        var output = CommandContext.CreateOutputOption();
        var command = new Command("preview", """
            Show the exact request that send would put on the wire (method, final URL, headers, body), built by the real
            client with the definition's authentication, secrets masked. Nothing is sent: not the request, not a token request.
            Exit code: 0 shown, 2 usage or definition error.

            Examples:
              customconnector preview -d wings.json -e getWing -p id=1001
              customconnector preview -d wings.json -e createWing --body @wing.json --output json
            """);
        definition.AddTo(command);
        call.AddTo(command);
        command.Add(output);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var format = parseResult.GetValue(output);
            return CommandContext.RunWithConnectorAsync(
                definition,
                parseResult,
                environment,
                preview: true,
                connector => PreviewAsync(connector, call, parseResult, environment, format, cancellationToken));
        });
        return command;
    }

    private static async Task<int> PreviewAsync(LoadedConnector connector, CallOptions call, ParseResult parseResult, CliEnvironment environment, OutputFormat format, CancellationToken cancellationToken)
    {
        var client = connector.CreateClient();
        var endpoint = call.Build(client, parseResult, environment);
        await client.SendAsync(endpoint, CliJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        var exchange = connector.Recorder.Exchanges[0];
        var masker = connector.Masker;
        masker.AddSecret(PreviewHandler.StandInToken);
        string text;
        if (format == OutputFormat.Json)
        {
            text = JsonText.Write(
                writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("endpoint", endpoint.Name);
                    writer.WriteString("method", exchange.Method.Method);
                    writer.WriteString("url", masker.MaskUri(exchange.Uri));
                    JsonText.WriteHeaders(writer, "headers", SendCommand.MaskHeaders(exchange.RequestHeaders, masker));
                    writer.WriteString("body", exchange.RequestBody is null ? null : masker.MaskText(exchange.RequestBody));
                    writer.WriteBoolean("sent", false);
                    writer.WriteEndObject();
                },
                indented: true);
        }
        else
        {
            var builder = new StringBuilder();
            builder.Append(exchange.Method.Method).Append(' ').AppendLine(masker.MaskUri(exchange.Uri));
            foreach (var (name, value) in exchange.RequestHeaders)
            {
                builder.Append(name).Append(": ").AppendLine(masker.MaskHeader(name, value));
            }

            if (exchange.RequestBody is { Length: > 0 } body)
            {
                builder.AppendLine().AppendLine(masker.MaskText(body));
            }

            text = builder.ToString().TrimEnd();
        }

        environment.Out.WriteLine(masker.MaskText(text));
        var authentication = connector.Options.AuthenticationSettings;
        var note = authentication.Type == ConnectorAuthenticationType.OAuth2ClientCredentials && authentication.OAuth2.TokenEndpoint is { } tokenEndpoint
            ? $"preview: nothing was sent; the access token would come from {masker.MaskUri(tokenEndpoint)} (not requested)."
            : "preview: nothing was sent.";
        environment.Error.WriteLine(note);
        return ExitCodes.Success;
    }
}
