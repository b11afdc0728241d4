using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace CustomConnector.Cli.Commands;

/// <summary>The options that say which endpoint to call and with what: shared by send, page and preview.</summary>
internal sealed class CallOptions
{
    public Option<string> Endpoint { get; } = new("--endpoint", "-e")
    {
        Description = "The endpoint's name, as declared under Endpoints in the definition.",
        Required = true,
        HelpName = "name",
    };

    public Option<string[]> Param { get; } = new("--param", "-p")
    {
        Description = "A path parameter as name=value, bound into {name} in the endpoint's path (repeatable).",
        HelpName = "name=value",
    };

    public Option<string[]> Query { get; } = new("--query", "-q")
    {
        Description = "A query parameter as name=value, added to the endpoint's own (repeatable).",
        HelpName = "name=value",
    };

    public Option<string[]> Header { get; } = new("--header", "-H")
    {
        Description = "A request header as name=value (repeatable). Credentials belong in the definition's Authentication.",
        HelpName = "name=value",
    };

    public Option<string?> Body { get; } = new("--body", "-b")
    {
        Description = "A JSON body: @file.json reads a file, - reads stdin, anything else is the JSON itself.",
        HelpName = "@file|-|json",
    };

    public void AddTo(Command command)
    {
        command.Add(Endpoint);
        command.Add(Param);
        command.Add(Query);
        command.Add(Header);
        command.Add(Body);
    }

    /// <summary>Builds the endpoint from the definition's declaration plus the command line's values.</summary>
    /// <exception cref="UsageException">A value is malformed, or the body is not JSON.</exception>
    public IConnectorEndpoint Build(IConnectorClient client, ParseResult parseResult, CliEnvironment environment)
    {
        var name = parseResult.GetRequiredValue(Endpoint);
        var builder = client.GetEndpoint(name);
        foreach (var (key, value) in KeyValues.Parse(parseResult.GetValue(Param), "--param"))
        {
            builder.WithPathParameter(key, value);
        }

        foreach (var (key, value) in KeyValues.Parse(parseResult.GetValue(Query), "--query"))
        {
            builder.WithQueryParameter(key, value);
        }

        foreach (var (key, value) in KeyValues.Parse(parseResult.GetValue(Header), "--header"))
        {
            builder.WithHeader(key, value);
        }

        if (parseResult.GetValue(Body) is { } body)
        {
            var json = ReadBody(body, environment);
            builder.WithContent(() => new StringContent(json, Encoding.UTF8, "application/json"));
        }

        return builder.Build();
    }

    private static string ReadBody(string body, CliEnvironment environment)
    {
        string json;
        string source;
        if (body == "-")
        {
            json = environment.In.ReadToEnd();
            source = "stdin";
        }
        else if (body.StartsWith('@'))
        {
            var path = Path.GetFullPath(body[1..], environment.CurrentDirectory);
            if (!File.Exists(path))
            {
                throw new UsageException($"--body {body}: the file does not exist. Pass @ followed by the path of a JSON file.");
            }

            json = File.ReadAllText(path);
            source = body[1..];
        }
        else
        {
            json = body;
            source = "--body";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new UsageException($"The body from {source} is not valid JSON ({exception.Message}). Pass a JSON document.", exception);
        }

        return json;
    }
}
