using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CustomConnector.Cli.Definitions;
using CustomConnector.Cli.Output;

namespace CustomConnector.Cli.Commands;

/// <summary><c>send</c>: calls one endpoint and shows status, time, attempts, headers (masked) and the body.</summary>
internal static class SendCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var definition = new DefinitionOptions();
        var call = new CallOptions();
        var output = CommandContext.CreateOutputOption();
        var command = new Command("send", """
            Send one request to an endpoint of a connector definition and show the result: its kind (data, empty or error),
            status, elapsed time, attempts, the response headers (credentials masked) and the pretty-printed JSON data.
            Exit code: 0 data or empty, 2 usage or definition error, 3 error result, 4 timeout or network failure, 5 response format error.

            Examples:
              customconnector send -d wings.json -e getWing -p id=1001
              customconnector send -d wings.json -e createWing --body @wing.json --output json
              WINGS_Authentication__ApiKeyValue=... customconnector send -d wings.json -e listWings -q color=red
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
                preview: false,
                connector => SendAsync(connector, call, parseResult, environment, format, cancellationToken),
                (connector, exception, exitCode, kind) => ReportFailure(environment, connector, parseResult.GetValue(call.Endpoint), exception, exitCode, kind, format));
        });
        return command;
    }

    private static async Task<int> SendAsync(LoadedConnector connector, CallOptions call, ParseResult parseResult, CliEnvironment environment, OutputFormat format, CancellationToken cancellationToken)
    {
        var client = connector.CreateClient();
        var endpoint = call.Build(client, parseResult, environment);
        var started = Stopwatch.GetTimestamp();
        var result = await client.SendAsync(endpoint, CliJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var exchange = connector.Recorder.Exchanges is { Count: > 0 } exchanges ? exchanges[^1] : null;
        var masker = connector.Masker;
        var text = format == OutputFormat.Json
            ? JsonText.Write(writer => WriteJson(writer, endpoint.Name, result, elapsed, exchange, masker), indented: true)
            : WriteText(result, elapsed, exchange, masker, environment.OutIsTerminal);
        environment.Out.WriteLine(masker.MaskText(text));
        return result.IsError ? ExitCodes.ErrorResult : ExitCodes.Success;
    }

    private static string WriteText(ConnectorResult<JsonElement> result, TimeSpan elapsed, RecordedExchange? exchange, SecretMasker masker, bool color)
    {
        var text = new StringBuilder();
        if (exchange is not null)
        {
            text.Append(exchange.Method.Method).Append(' ').AppendLine(masker.MaskUri(exchange.Uri));
        }

        var (label, consoleColor) = result.Kind switch
        {
            ConnectorResultKind.Data => ("DATA", ConsoleColor.Green),
            ConnectorResultKind.Empty => ("EMPTY", ConsoleColor.Yellow),
            _ => ("ERROR", ConsoleColor.Red),
        };
        text.Append(ConsoleStyle.Kind(label, consoleColor, color))
            .Append(FormattableString.Invariant($"  {(int)result.StatusCode} {exchange?.ReasonPhrase ?? result.StatusCode.ToString()}"))
            .Append(FormattableString.Invariant($"  {elapsed.TotalMilliseconds:0} ms"))
            .Append(FormattableString.Invariant($"  {result.Attempts} attempt{(result.Attempts == 1 ? string.Empty : "s")}"))
            .AppendLine();
        foreach (var (name, value) in exchange?.ResponseHeaders ?? [])
        {
            text.Append(name).Append(": ").AppendLine(masker.MaskHeader(name, value));
        }

        if (result.IsData)
        {
            text.AppendLine().Append(JsonText.Format(result.Data, indented: true));
        }
        else if (result.IsError)
        {
            text.AppendLine().Append("error ").Append(result.Error.Code).Append(": ").Append(result.Error.Description);
            if (result.ToException() is { } exception)
            {
                text.Append(" (").Append(exception.GetType().Name).Append(')');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static void WriteJson(Utf8JsonWriter writer, string endpoint, ConnectorResult<JsonElement> result, TimeSpan elapsed, RecordedExchange? exchange, SecretMasker masker)
    {
        writer.WriteStartObject();
        writer.WriteString("endpoint", endpoint);
        writer.WriteString("kind", result.Kind.ToString().ToLowerInvariant());
        writer.WriteNumber("exitCode", result.IsError ? ExitCodes.ErrorResult : ExitCodes.Success);
        WriteRequest(writer, exchange, masker);
        writer.WriteNumber("status", (int)result.StatusCode);
        writer.WriteNumber("elapsedMs", Math.Round(elapsed.TotalMilliseconds, 1));
        writer.WriteNumber("attempts", result.Attempts);
        JsonText.WriteHeaders(writer, "headers", MaskHeaders(exchange?.ResponseHeaders ?? [], masker));
        writer.WritePropertyName("data");
        if (result.IsData)
        {
            result.Data.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("error");
        if (result.IsError)
        {
            writer.WriteStartObject();
            writer.WriteString("code", result.Error.Code);
            writer.WriteString("description", result.Error.Description);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    public static void WriteRequest(Utf8JsonWriter writer, RecordedExchange? exchange, SecretMasker? masker)
    {
        if (exchange is null || masker is null)
        {
            writer.WriteNull("request");
            return;
        }

        writer.WriteStartObject("request");
        writer.WriteString("method", exchange.Method.Method);
        writer.WriteString("url", masker.MaskUri(exchange.Uri));
        writer.WriteEndObject();
    }

    public static IEnumerable<KeyValuePair<string, string>> MaskHeaders(IEnumerable<KeyValuePair<string, string>> headers, SecretMasker masker)
    {
        foreach (var (name, value) in headers)
        {
            yield return new(name, masker.MaskHeader(name, value));
        }
    }

    private static void ReportFailure(CliEnvironment environment, LoadedConnector? connector, string? endpoint, Exception exception, int exitCode, string kind, OutputFormat format)
    {
        CommandContext.WriteFailure(environment.Error, connector, exception, kind);
        if (format != OutputFormat.Json)
        {
            return;
        }

        var masker = connector is { Problems.Count: 0 } ? connector.Masker : null;
        var exchange = connector?.Recorder.Exchanges is { Count: > 0 } exchanges ? exchanges[^1] : null;
        var document = JsonText.Write(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("endpoint", endpoint);
                writer.WriteString("kind", kind);
                writer.WriteNumber("exitCode", exitCode);
                WriteRequest(writer, exchange, masker);
                if (exception is ConnectorException { StatusCode: { } status })
                {
                    writer.WriteNumber("status", (int)status);
                }
                else
                {
                    writer.WriteNull("status");
                }

                writer.WriteNumber("attempts", exception is ConnectorException connectorException ? connectorException.Attempts : 0);
                writer.WriteString("message", exception.Message);
                writer.WriteEndObject();
            },
            indented: true);
        environment.Out.WriteLine(CommandContext.Mask(connector, document));
    }
}
