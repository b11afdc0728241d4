using Microsoft.OpenApi;

namespace CustomConnector.Cli.OpenApi;

/// <summary>
/// Guesses a list operation's pagination from the shape of its parameters and success response (a next link,
/// page numbers, offset and limit, a cursor, or a <c>Link</c> header), only where the shape makes one plain.
/// </summary>
internal static class OpenApiPagingGuess
{
    private static readonly string[] NextLinkNames = ["next", "nextLink", "next_link", "nextUrl", "next_url", "nextPage", "next_page", "next_page_url", "@odata.nextLink"];
    private static readonly string[] CursorNames = ["nextCursor", "next_cursor", "cursor", "endCursor", "after"];
    private static readonly string[] CursorParameters = ["cursor", "after", "starting_after", "continuation", "pageToken", "page_token"];
    private static readonly string[] PageSizeParameters = ["pageSize", "page_size", "per_page", "perPage", "limit", "size", "count"];
    private static readonly string[] TotalPagesNames = ["totalPages", "total_pages", "pageCount", "page_count"];
    private static readonly string[] TotalNames = ["total", "totalCount", "total_count", "totalItems", "total_items", "count"];
    private static readonly string[] NestingNames = ["links", "_links", "meta", "paging", "pagination", "page_info", "pageInfo"];

    public static void GuessPagination(OpenApiOperation operation, ImportedEndpoint endpoint, ImportedDefinition definition, string label)
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
            var media = response.Content?.FirstOrDefault(c => OpenApiImporter.IsJsonMediaType(c.Key)).Value;
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
}
