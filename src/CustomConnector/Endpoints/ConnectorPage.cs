using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// One page of a paged endpoint, as pagination strategies see it: its number, how many items it
/// held, its status, headers and URI, and every value of the body outside the data array.
/// </summary>
/// <remarks>
/// Values are found by a dotted path from the top of the body: <c>next</c>, <c>meta.next</c>,
/// <c>paging.cursors.after</c>; an all-digit segment indexes an array (<c>links.0.href</c>).
/// Property names match exactly (JSON is case-sensitive).
/// </remarks>
public class ConnectorPage : IResultKindSource
{
    private readonly Dictionary<string, JsonElement>? _values;

    internal ConnectorPage(int pageNumber, int itemCount, long totalItemCount, HttpStatusCode statusCode, HttpResponseHeaders headers, Uri requestUri, Dictionary<string, JsonElement>? values)
    {
        PageNumber = pageNumber;
        ItemCount = itemCount;
        TotalItemCount = totalItemCount;
        StatusCode = statusCode;
        Headers = headers;
        RequestUri = requestUri;
        _values = values;
    }

    /// <summary>Gets the redaction policy of the call that read the page, for strategies that describe its links.</summary>
    internal RedactionPolicy Redaction { get; init; } = RedactionPolicy.Default;

    /// <summary>Gets the names of the body's top-level properties outside the data array, in the body's order, for messages about paths that match nothing.</summary>
    internal IEnumerable<string> TopLevelNames => _values?.Keys ?? Enumerable.Empty<string>();

    /// <summary>Gets the page's position in the enumeration: 1 for the first page requested, 2 for the next, and so on.</summary>
    public int PageNumber { get; }

    /// <summary>Gets how many elements the page's data array held.</summary>
    public int ItemCount { get; }

    /// <summary>Gets how many elements all pages so far held, this one included.</summary>
    public long TotalItemCount { get; }

    /// <summary>Gets what the page's response held, for the call's telemetry: data when it had items, else empty (an error never becomes a page).</summary>
    ConnectorResultKind IResultKindSource.Kind => ItemCount > 0 ? ConnectorResultKind.Data : ConnectorResultKind.Empty;

    /// <summary>Gets the HTTP status code of the page's response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the response headers of the page, such as <c>Link</c> or <c>X-Total-Count</c>.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>Gets the URI the page was requested from (before any credential was added).</summary>
    public Uri RequestUri { get; }

    /// <summary>Finds the value at <paramref name="path"/> in the page's body.</summary>
    /// <param name="path">A dotted path such as <c>meta.next</c>.</param>
    /// <param name="value">The value found (it may be JSON null); the default when none was.</param>
    /// <returns><see langword="true"/> when the body has a value at that path.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or has an empty segment.</exception>
    public bool TryGetValue(string path, out JsonElement value)
    {
        JsonPath.Validate(path, nameof(path));
        return JsonPath.TryGet(_values, path, out value);
    }

    /// <summary>Returns the string or number at <paramref name="path"/> as text.</summary>
    /// <param name="path">A dotted path such as <c>paging.cursors.after</c>.</param>
    /// <returns>A string as is, a number as written in the JSON, a boolean as <c>true</c>/<c>false</c>; <see langword="null"/> when the path is missing, null, an object or an array.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or has an empty segment.</exception>
    public string? GetString(string path)
    {
        if (!TryGetValue(path, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Returns the whole number at <paramref name="path"/>, written as a JSON number or as a string of digits.</summary>
    /// <param name="path">A dotted path such as <c>meta.total</c>.</param>
    /// <returns>The number, or <see langword="null"/> when the path is missing or holds no whole number.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or has an empty segment.</exception>
    public long? GetInt64(string path)
    {
        if (!TryGetValue(path, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Page {PageNumber} ({ItemCount} items, {(int)StatusCode} {StatusCode})");
}
