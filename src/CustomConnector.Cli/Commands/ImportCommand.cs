using System.CommandLine;
using CustomConnector.Cli.Definitions;
using CustomConnector.Cli.OpenApi;

namespace CustomConnector.Cli.Commands;

/// <summary><c>import openapi</c>: writes a connector definition from an OpenAPI 3.x document.</summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var import = new Command("import", """
            Create a connector definition from an API description.

            Examples:
              customconnector import openapi petstore.yaml --output petstore.json
            """);
        import.Add(CreateOpenApi(environment));
        return import;
    }

    private static Command CreateOpenApi(CliEnvironment environment)
    {
        var document = new Argument<string>("document")
        {
            Description = "The OpenAPI 3.x document (JSON or YAML): a file path or an http(s) URL.",
        };
        var tag = new Option<string[]>("--tag", "-t")
        {
            Description = "Import only the operations with this tag (repeatable).",
            HelpName = "tag",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the definition to this file (default: stdout). The connector's name, and so its environment variables' prefix, comes from the file name.",
            HelpName = "file",
        };
        var name = new Option<string?>("--name")
        {
            Description = "The connector's name for the secrets' environment variables (default: from --output, else 'connector').",
        };
        var baseAddress = new Option<string?>("--base-address")
        {
            Description = "The base address to write instead of the document's first server.",
            HelpName = "uri",
        };
        var command = new Command("openapi", """
            Write a connector definition from an OpenAPI 3.x document (JSON or YAML): BaseAddress from servers, one endpoint
            per GET/POST operation named by its operationId (method, path with its {placeholders}, required query parameters,
            JSON body), Authentication from securitySchemes (http basic/bearer, apiKey in a header or the query, oauth2
            clientCredentials with its token URL and scopes) with secrets left to the environment, and a Pagination guess where
            the shape makes one plain (a next link, page/offset/cursor parameters, a Link header).
            Whatever could not be mapped is listed on stderr and as comments in the file, never dropped silently.
            Exit code: 0 written, 2 the document does not load, or the written definition fails validation (checked with stand-in secrets).

            Examples:
              customconnector import openapi petstore.yaml --output petstore.json
              customconnector import openapi https://api.example.com/openapi.json --tag wings -o wings.json
              customconnector import openapi petstore.yaml --base-address http://localhost:5000/ > petstore.json
            """);
        command.Add(document);
        command.Add(tag);
        command.Add(output);
        command.Add(name);
        command.Add(baseAddress);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await ImportAsync(
                    environment,
                    parseResult.GetRequiredValue(document),
                    parseResult.GetValue(tag) ?? [],
                    parseResult.GetValue(output),
                    parseResult.GetValue(name),
                    parseResult.GetValue(baseAddress),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException exception)
            {
                await environment.Error.WriteLineAsync($"usage: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync($"usage: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (HttpRequestException exception)
            {
                await environment.Error.WriteLineAsync($"network: the document could not be fetched: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Network;
            }
        });
        return command;
    }

    private static async Task<int> ImportAsync(CliEnvironment environment, string source, string[] tags, string? output, string? name, string? baseAddressText, CancellationToken cancellationToken)
    {
        Uri? baseAddress = null;
        if (baseAddressText is not null && (!Uri.TryCreate(baseAddressText, UriKind.Absolute, out baseAddress) || !baseAddress.Scheme.StartsWith("http", StringComparison.Ordinal)))
        {
            throw new UsageException($"--base-address '{baseAddressText}' is not an absolute http(s) URI. Pass one such as https://api.example.com/v1/.");
        }

        var (content, documentUri) = await ReadSourceAsync(environment, source, cancellationToken).ConfigureAwait(false);
        var (openApi, warnings) = await OpenApiImporter.ReadAsync(content, source, cancellationToken).ConfigureAwait(false);
        var definition = OpenApiImporter.Map(openApi, documentUri, baseAddress, tags);
        if (definition.BaseAddress is null)
        {
            throw new UsageException($"{source} gives no absolute server URL, and a definition needs a BaseAddress. Pass --base-address.");
        }

        var connectorName = name ?? (output is null ? "connector" : DefinitionLoader.NameFromPath(output));
        var prefix = DefinitionLoader.EnvironmentPrefix(connectorName);
        var json = definition.ToJson(Path.GetFileName(source), prefix);

        var problems = await ValidateAsync(environment, json, connectorName, definition.SecretKeys).ConfigureAwait(false);
        foreach (var warning in warnings)
        {
            await environment.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        foreach (var line in definition.Unmapped)
        {
            await environment.Error.WriteLineAsync($"not mapped: {line}").ConfigureAwait(false);
        }

        if (output is null)
        {
            await environment.Out.WriteLineAsync(json).ConfigureAwait(false);
        }
        else
        {
            var path = Path.GetFullPath(output, environment.CurrentDirectory);
            await File.WriteAllTextAsync(path, json + Environment.NewLine, cancellationToken).ConfigureAwait(false);
            var paged = definition.Endpoints.Count(e => e.Pagination.Count > 0);
            await environment.Error.WriteLineAsync(
                $"wrote {output}: {definition.Endpoints.Count} endpoint{(definition.Endpoints.Count == 1 ? string.Empty : "s")} ({paged} paged), {definition.Authentication["Type"]} authentication, base address {definition.BaseAddress}").ConfigureAwait(false);
        }

        foreach (var key in definition.SecretKeys)
        {
            await environment.Error.WriteLineAsync($"secret: set {prefix}Authentication__{key} or pass --secret {key}=...").ConfigureAwait(false);
        }

        foreach (var problem in problems)
        {
            await environment.Error.WriteLineAsync($"invalid: {problem}").ConfigureAwait(false);
        }

        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Usage;
    }

    /// <summary>Runs the startup validation on the written definition, with stand-in secrets: any problem left is the import's.</summary>
    private static async Task<IReadOnlyList<string>> ValidateAsync(CliEnvironment environment, string json, string name, List<string> secretKeys)
    {
        var path = Path.Combine(Path.GetTempPath(), $"customconnector-import-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json).ConfigureAwait(false);
        try
        {
            var secrets = secretKeys.Select(k => new KeyValuePair<string, string>(k, "stand-in")).ToList();
            var source = new DefinitionSource(path, name, Section: null, secrets, BaseAddress: null);
            var checkEnvironment = new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null, CurrentDirectory = environment.CurrentDirectory };
            var connector = DefinitionLoader.Load(source, checkEnvironment, preview: true, TextWriter.Null);
            await using (connector.ConfigureAwait(false))
            {
                return connector.Problems;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(byte[] Content, Uri? DocumentUri)> ReadSourceAsync(CliEnvironment environment, string source, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"{source} answered {(int)response.StatusCode} {response.ReasonPhrase}; pass the URL of an OpenAPI document.");
            }

            return (await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), uri);
        }

        var path = Path.GetFullPath(source, environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new UsageException($"The OpenAPI document '{source}' does not exist. Pass a file path or an http(s) URL.");
        }

        return (await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), new Uri(path));
    }
}
