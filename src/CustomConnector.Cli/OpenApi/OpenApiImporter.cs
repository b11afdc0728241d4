using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CustomConnector.Cli.OpenApi;

/// <summary>
/// Maps an OpenAPI 3.x document to a connector definition: base address from <c>servers</c>, one GET/POST endpoint
/// per operation named by its <c>operationId</c>, authentication from <c>securitySchemes</c> without secrets, and a
/// pagination guess where the shape makes one plain. Whatever it cannot map goes to <see cref="ImportedDefinition.Unmapped"/>.
/// </summary>
internal static class OpenApiImporter
{
    private static readonly string[] NextLinkNames = ["next", "nextLink", "next_link", "nextUrl", "next_url", "nextPage", "next_page", "next_page_url", "@odata.nextLink"];
    private static readonly string[] CursorNames = ["nextCursor", "next_cursor", "cursor", "endCursor", "after"];
    private static readonly string[] CursorParameters = ["cursor", "after", "starting_after", "continuation", "pageToken", "page_token"];
    private static readonly string[] PageSizeParameters = ["pageSize", "page_size", "per_page", "perPage", "limit", "size", "count"];
    private static readonly string[] TotalPagesNames = ["totalPages", "total_pages", "pageCount", "page_count"];
    private static readonly string[] TotalNames = ["total", "totalCount", "total_count", "totalItems", "total_items", "count"];
    private static readonly string[] NestingNames = ["links", "_links", "meta", "paging", "pagination", "page_info", "pageInfo"];

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

        var scheme = MapSecurity(document, definition);
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
                MapOperationSecurity(operation, scheme, definition, label);
                if (method == HttpMethod.Get)
                {
                    GuessPagination(operation, endpoint, definition, label);
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

    private static (string Name, IOpenApiSecurityScheme Scheme)? MapSecurity(OpenApiDocument document, ImportedDefinition definition)
    {
        var schemes = document.Components?.SecuritySchemes;
        if (schemes is null || schemes.Count == 0)
        {
            definition.Authentication["Type"] = "None";
            return null;
        }

        // The scheme the document requires globally comes first; otherwise the first one declared.
        var ordered = new List<string>();
        foreach (var requirement in document.Security ?? [])
        {
            foreach (var reference in requirement.Keys)
            {
                if (reference.Reference?.Id is { } id && !ordered.Contains(id))
                {
                    ordered.Add(id);
                }
            }
        }

        foreach (var name in schemes.Keys)
        {
            if (!ordered.Contains(name))
            {
                ordered.Add(name);
            }
        }

        (string, IOpenApiSecurityScheme)? chosen = null;
        foreach (var name in ordered)
        {
            if (!schemes.TryGetValue(name, out var scheme))
            {
                continue;
            }

            if (chosen is null && TryMapScheme(name, scheme, definition))
            {
                chosen = (name, scheme);
            }
            else if (chosen is not null)
            {
                definition.Unmapped.Add($"security scheme '{name}' ({Describe(scheme)}): a connector has one authentication; '{chosen.Value.Item1}' was used.");
            }
        }

        if (chosen is null)
        {
            definition.Authentication.Clear();
            definition.Authentication["Type"] = "None";
        }

        return chosen;
    }

    private static bool TryMapScheme(string name, IOpenApiSecurityScheme scheme, ImportedDefinition definition)
    {
        var auth = definition.Authentication;
        switch (scheme.Type)
        {
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                auth["Type"] = "Basic";
                definition.SecretKeys.AddRange(["Username", "Password"]);
                return true;
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                auth["Type"] = "Bearer";
                definition.SecretKeys.Add("Token");
                return true;
            case SecuritySchemeType.ApiKey when scheme.In is ParameterLocation.Header or ParameterLocation.Query && !string.IsNullOrEmpty(scheme.Name):
                auth["Type"] = "ApiKey";
                auth["ApiKeyName"] = scheme.Name;
                auth["ApiKeyLocation"] = scheme.In == ParameterLocation.Query ? "Query" : "Header";
                definition.SecretKeys.Add("ApiKeyValue");
                return true;
            case SecuritySchemeType.OAuth2 when scheme.Flows?.ClientCredentials is { TokenUrl: { } tokenUrl } flow:
                auth["Type"] = "OAuth2ClientCredentials";
                auth["TokenEndpoint"] = tokenUrl.IsAbsoluteUri ? tokenUrl.AbsoluteUri : tokenUrl.OriginalString;
                if (flow.Scopes is { Count: > 0 } scopes)
                {
                    auth["Scope"] = string.Join(' ', scopes.Keys);
                }

                definition.SecretKeys.AddRange(["ClientId", "ClientSecret"]);
                if (scheme.Flows.AuthorizationCode is not null || scheme.Flows.Implicit is not null || scheme.Flows.Password is not null)
                {
                    definition.Unmapped.Add($"security scheme '{name}': OAuth2 flows other than clientCredentials (the connector uses client credentials).");
                }

                return true;
            default:
                definition.Unmapped.Add($"security scheme '{name}' ({Describe(scheme)}): no built-in provider; use AddAuthenticationProvider<T>() in code.");
                return false;
        }
    }

    private static string Describe(IOpenApiSecurityScheme scheme) => scheme.Type switch
    {
        SecuritySchemeType.Http => $"http {scheme.Scheme}",
        SecuritySchemeType.ApiKey => $"apiKey in {scheme.In}",
        SecuritySchemeType.OAuth2 => "oauth2 without a clientCredentials flow",
        _ => scheme.Type?.ToString() ?? "unknown",
    };

    private static void MapOperationSecurity(OpenApiOperation operation, (string Name, IOpenApiSecurityScheme Scheme)? chosen, ImportedDefinition definition, string label)
    {
        if (operation.Security is not { } requirements || chosen is null)
        {
            return;
        }

        if (requirements.Count == 0 || requirements.All(r => r.Count == 0))
        {
            definition.Unmapped.Add($"{label}: needs no authentication, but the connector's credentials go to every endpoint.");
            return;
        }

        var names = requirements.SelectMany(r => r.Keys).Select(k => k.Reference?.Id).ToList();
        if (!names.Contains(chosen.Value.Name))
        {
            definition.Unmapped.Add($"{label}: requires {string.Join(" or ", names)}, not the connector's '{chosen.Value.Name}'.");
        }
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

    private static bool IsJsonMediaType(string mediaType)
        => mediaType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static void GuessPagination(OpenApiOperation operation, ImportedEndpoint endpoint, ImportedDefinition definition, string label)
    {
        var (schema, headers) = SuccessResponse(operation);
        var data = schema is null ? null : Property(schema, "data");
        var listed = data?.Type is { } type && type.HasFlag(JsonSchemaType.Array);
        var queryNames = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query && p.Name is not null).Select(p => p.Name!).ToList();
        var pagination = endpoint.Pagination;
        var pageSize = queryNames.FirstOrDefault(n => PageSizeParameters.Contains(n, StringComparer.OrdinalIgnoreCase) && !string.Equals(n, "limit", StringComparison.Ordinal));

        if (schema is not null && FindPath(schema, NextLinkNames) is { } next)
        {
            var nextSchema = next.Schema;
            pagination["Type"] = string.Equals(nextSchema.Format, "uri", StringComparison.OrdinalIgnoreCase) ? "FullPath" : "RelativePath";
            pagination["NextPath"] = next.Path;
        }
        else if (queryNames.Contains("page", StringComparer.OrdinalIgnoreCase))
        {
            pagination["Type"] = "PageNumber";
            pagination["PageParameter"] = queryNames.First(n => string.Equals(n, "page", StringComparison.OrdinalIgnoreCase));
            if (schema is not null && FindPath(schema, TotalPagesNames) is { } totalPages)
            {
                pagination["TotalPagesPath"] = totalPages.Path;
            }

            pageSize ??= queryNames.FirstOrDefault(n => string.Equals(n, "limit", StringComparison.OrdinalIgnoreCase));
        }
        else if (queryNames.Contains("offset", StringComparer.OrdinalIgnoreCase) && queryNames.FirstOrDefault(n => string.Equals(n, "limit", StringComparison.OrdinalIgnoreCase)) is { } limit)
        {
            pagination["Type"] = "Offset";
            pagination["OffsetParameter"] = queryNames.First(n => string.Equals(n, "offset", StringComparison.OrdinalIgnoreCase));
            pagination["LimitParameter"] = limit;
            pagination["Limit"] = DefaultOf(operation, limit) ?? "100";
            if (schema is not null && FindPath(schema, TotalNames) is { } total)
            {
                pagination["TotalPath"] = total.Path;
            }

            pageSize = null;
        }
        else if (queryNames.FirstOrDefault(n => CursorParameters.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } cursorParameter
            && schema is not null && FindPath(schema, CursorNames) is { } cursor)
        {
            pagination["Type"] = "Cursor";
            pagination["CursorPath"] = cursor.Path;
            pagination["CursorParameter"] = cursorParameter;
        }
        else if (headers.Any(h => string.Equals(h, "Link", StringComparison.OrdinalIgnoreCase)))
        {
            pagination["Type"] = "LinkHeader";
        }
        else
        {
            if (listed && queryNames.Any(n => PageSizeParameters.Contains(n, StringComparer.OrdinalIgnoreCase) || CursorParameters.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                definition.Unmapped.Add($"{label}: returns a list and takes {string.Join(", ", queryNames)}, but how it pages is not plain; set Pagination by hand (see docs/pagination.md).");
            }

            return;
        }

        if (pageSize is not null && pagination["Type"] != "Offset")
        {
            pagination["PageSizeParameter"] = pageSize;
            if (DefaultOf(operation, pageSize) is { } size)
            {
                pagination["PageSize"] = size;
            }
        }

        endpoint.Notes.Add($"Paged: {pagination["Type"]} (guessed from the operation's shape; check it).");
    }

    private static string? DefaultOf(OpenApiOperation operation, string parameterName)
    {
        var parameter = (operation.Parameters ?? []).FirstOrDefault(p => p.Name == parameterName);
        var value = parameter?.Schema?.Default?.ToString();
        return value is { Length: > 0 } && int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static (IOpenApiSchema? Schema, IReadOnlyList<string> Headers) SuccessResponse(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (!status.StartsWith('2'))
            {
                continue;
            }

            var headers = response.Headers?.Keys.ToList() ?? [];
            var media = response.Content?.FirstOrDefault(c => IsJsonMediaType(c.Key)).Value;
            return (media?.Schema, headers);
        }

        return (null, []);
    }

    private static IOpenApiSchema? Property(IOpenApiSchema schema, string name)
    {
        if (schema.Properties is { } properties && properties.TryGetValue(name, out var property))
        {
            return property;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            if (Property(part, name) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Finds a property by one of <paramref name="names"/> at the top level of the body or one level down (links, meta, paging).</summary>
    private static (string Path, IOpenApiSchema Schema)? FindPath(IOpenApiSchema schema, string[] names)
    {
        foreach (var name in names)
        {
            if (Property(schema, name) is { } found)
            {
                return (name, found);
            }
        }

        foreach (var nesting in NestingNames)
        {
            if (Property(schema, nesting) is { } nested)
            {
                foreach (var name in names)
                {
                    if (Property(nested, name) is { } found)
                    {
                        return ($"{nesting}.{name}", found);
                    }
                }
            }
        }

        return null;
    }

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
