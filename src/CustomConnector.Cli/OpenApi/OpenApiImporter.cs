using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CustomConnector.Cli.OpenApi;

/// <summary>
/// Maps an OpenAPI 3.x document to a connector definition: base address from <c>servers</c>, one endpoint
/// per operation named by its <c>operationId</c>, authentication from <c>securitySchemes</c> without secrets, and a
/// pagination guess where the shape makes one plain. Whatever it cannot map goes to <see cref="ImportedDefinition.Unmapped"/>.
/// </summary>
internal static class OpenApiImporter
{

    /// <summary>Reads an OpenAPI document (JSON or YAML) from bytes.</summary>
    /// <exception cref="UsageException">The document does not parse or is not OpenAPI 3.x.</exception>
    public static async Task<(OpenApiDocument Document, IReadOnlyList<string> Warnings)> ReadAsync(byte[] content, string source, CancellationToken cancellationToken)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var format = LooksLikeJson(content) ? "json" : "yaml";
        using var stream = new MemoryStream(content, writable: false);
        ReadResult result;
        try
        {
            result = await OpenApiDocument.LoadAsync(stream, format, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OpenApiException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new UsageException($"{source} is not a readable OpenAPI document: {exception.Message}", exception);
        }

        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || (result.Document.Paths is null && errors.Count > 0))
        {
            var first = errors.Count > 0 ? errors[0].Message : "no document";
            throw new UsageException($"{source} is not a readable OpenAPI 3.x document ({first}). Pass an OpenAPI 3.0 or 3.1 document, JSON or YAML.");
        }

        var warnings = new List<string>();
        foreach (var error in errors)
        {
            warnings.Add($"the document has an error at {error.Pointer}: {error.Message}");
        }

        return (result.Document, warnings);
    }

    public static ImportedDefinition Map(OpenApiDocument document, Uri? documentUri, Uri? baseAddressOverride, IReadOnlyCollection<string> tags)
    {
        var definition = new ImportedDefinition { Title = document.Info is { } info ? $"{info.Title} {info.Version}".Trim() : null };
        definition.BaseAddress = baseAddressOverride?.AbsoluteUri ?? ResolveBaseAddress(document, documentUri, definition.Unmapped);
        if (definition.BaseAddress is not null && !definition.BaseAddress.EndsWith('/'))
        {
            definition.BaseAddress += "/";
        }

        var scheme = OpenApiSecurityMapper.MapSecurity(document, definition);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, pathItem) in document.Paths ?? [])
        {
            foreach (var (method, operation) in pathItem.Operations ?? [])
            {
                if (tags.Count > 0 && !HasTag(operation, tags))
                {
                    continue;
                }

                var label = $"{method.Method.ToUpperInvariant()} {path}{(operation.OperationId is { } id ? $" ({id})" : string.Empty)}";
                if (!IsSupported(method))
                {
                    definition.Unmapped.Add($"{label}: connector definitions support GET, POST, PUT, PATCH and DELETE only.");
                    continue;
                }

                var name = UniqueName(operation.OperationId ?? GeneratedName(method, path), names);
                if (operation.OperationId is null)
                {
                    definition.Unmapped.Add($"{label}: has no operationId; named '{name}'.");
                }

                var endpoint = new ImportedEndpoint { Name = name, Method = method.Method.ToUpperInvariant(), Path = path.TrimStart('/') };
                MapParameters(pathItem.Parameters, operation.Parameters, endpoint, definition, label);
                MapBody(operation, endpoint, definition, label);
                OpenApiSecurityMapper.MapOperationSecurity(operation, scheme, definition, label);
                if (method == HttpMethod.Get)
                {
                    OpenApiPagingGuess.GuessPagination(operation, endpoint, definition, label);
                }

                definition.Endpoints.Add(endpoint);
            }
        }

        if (definition.Endpoints.Count == 0)
        {
            definition.Unmapped.Add(tags.Count > 0 ? $"no GET, POST, PUT, PATCH or DELETE operation has the tag {string.Join(" or ", tags)}." : "the document has no GET, POST, PUT, PATCH or DELETE operations.");
        }

        return definition;
    }

    /// <summary>The methods a configured endpoint accepts (<c>Method</c> in a connector definition).</summary>
    private static bool IsSupported(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;

    private static bool LooksLikeJson(byte[] content)
    {
        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }

    private static string? ResolveBaseAddress(OpenApiDocument document, Uri? documentUri, List<string> unmapped)
    {
        var servers = document.Servers ?? [];
        if (servers.Count == 0)
        {
            unmapped.Add("the document names no servers; pass --base-address.");
            return documentUri is { } uri && uri.Scheme.StartsWith("http", StringComparison.Ordinal) ? new Uri(uri, "/").AbsoluteUri : null;
        }

        var server = servers[0];
        var url = server.Url ?? string.Empty;
        foreach (var (variable, value) in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            url = url.Replace("{" + variable + "}", value.Default ?? string.Empty, StringComparison.Ordinal);
        }

        if (servers.Count > 1)
        {
            unmapped.Add($"servers after the first ({string.Join(", ", servers.Skip(1).Select(s => s.Url))}); pass --base-address to use another.");
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute.AbsoluteUri;
        }

        if (documentUri is not null && documentUri.Scheme.StartsWith("http", StringComparison.Ordinal) && Uri.TryCreate(documentUri, url, out var resolved))
        {
            return resolved.AbsoluteUri;
        }

        unmapped.Add($"the server URL '{url}' is not absolute; pass --base-address.");
        return null;
    }

    private static void MapParameters(IList<IOpenApiParameter>? pathLevel, IList<IOpenApiParameter>? operationLevel, ImportedEndpoint endpoint, ImportedDefinition definition, string label)
    {
        var all = new Dictionary<(string, ParameterLocation?), IOpenApiParameter>();
        foreach (var parameter in (pathLevel ?? []).Concat(operationLevel ?? []))
        {
            if (parameter.Name is not null)
            {
                all[(parameter.Name, parameter.In)] = parameter;
            }
        }

        var pathParameters = new List<string>();
        var requiredQuery = new List<string>();
        foreach (var parameter in all.Values)
        {
            switch (parameter.In)
            {
                case ParameterLocation.Path:
                    pathParameters.Add(parameter.Name!);
                    break;
                case ParameterLocation.Query when parameter.Required:
                    if (FixedValue(parameter.Schema) is { } value)
                    {
                        endpoint.Query[parameter.Name!] = value;
                    }
                    else
                    {
                        requiredQuery.Add(parameter.Name!);
                    }

                    break;
                case ParameterLocation.Header when parameter.Required:
                    endpoint.Notes.Add($"Required header: {parameter.Name} (pass --header {parameter.Name}=...).");
                    break;
                case ParameterLocation.Cookie when parameter.Required:
                    definition.Unmapped.Add($"{label}: required cookie parameter '{parameter.Name}'.");
                    break;
            }
        }

        if (pathParameters.Count > 0)
        {
            endpoint.Notes.Add($"Path parameters: {string.Join(", ", pathParameters)} (pass --param name=...).");
        }

        if (requiredQuery.Count > 0)
        {
            endpoint.Notes.Add($"Required query parameters: {string.Join(", ", requiredQuery)} (pass --query name=...).");
        }
    }

    private static string? FixedValue(IOpenApiSchema? schema)
    {
        if (schema?.Enum is { Count: 1 } single && single[0] is { } only)
        {
            return only.ToString().Trim('"');
        }

        return null;
    }

    private static void MapBody(OpenApiOperation operation, ImportedEndpoint endpoint, ImportedDefinition definition, string label)
    {
        if (operation.RequestBody is not { Content: { Count: > 0 } content } body)
        {
            return;
        }

        if (content.Keys.Any(IsJsonMediaType))
        {
            endpoint.Notes.Add($"JSON body{(body.Required ? ", required" : string.Empty)} (pass --body @file.json).");
        }
        else
        {
            definition.Unmapped.Add($"{label}: its body is {string.Join(" or ", content.Keys)}, not JSON; pass it with WithContent in code.");
        }
    }

    internal static bool IsJsonMediaType(string mediaType)
        => mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static bool HasTag(OpenApiOperation operation, IReadOnlyCollection<string> tags)
        => operation.Tags is { } operationTags && operationTags.Any(t => t.Name is { } name && tags.Contains(name, StringComparer.OrdinalIgnoreCase));

    private static string GeneratedName(HttpMethod method, string path)
    {
        var builder = new StringBuilder(method.Method.ToLowerInvariant());
        var upper = true;
        foreach (var c in path)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return builder.ToString();
    }

    private static string UniqueName(string name, HashSet<string> names)
    {
        var unique = name;
        for (var i = 2; !names.Add(unique); i++)
        {
            unique = $"{name}{i}";
        }

        return unique;
    }
}
