using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Testing.Internal;

namespace CustomConnector.Testing;

/// <summary>
/// A request that reached a <see cref="FakeConnectorApi"/>, as it went on the wire: method, URI, headers
/// (credentials included) and body. Its <c>Assert...</c> methods throw <see cref="FakeApiAssertionException"/>
/// with a message that says what differed, and return the request so that checks chain.
/// </summary>
/// <remarks>
/// Messages and <see cref="ToString"/> never print the value of a header or query parameter whose name
/// looks like a credential (authorization, key, token, secret, password, cookie, signature).
/// </remarks>
public sealed class FakeRequest
{
    private readonly Dictionary<string, string[]> _headers;
    private readonly Dictionary<string, List<string>> _query;

    internal FakeRequest(HttpMethod method, Uri uri, Dictionary<string, string[]> headers, string? body, string? routeTemplate, IReadOnlyDictionary<string, string> routeValues)
    {
        Method = method;
        Uri = uri;
        _headers = headers;
        Body = body;
        RouteTemplate = routeTemplate;
        RouteValues = routeValues;
        _query = ParseQuery(uri.Query);
    }

    /// <summary>Gets the request's method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Gets the absolute URI the request was sent to, query included.</summary>
    public Uri Uri { get; }

    /// <summary>Gets the URI's path, such as <c>/api/v1/wings/7</c>.</summary>
    public string Path => Uri.AbsolutePath;

    /// <summary>Gets the template of the route that answered, or <see langword="null"/> when no route matched.</summary>
    public string? RouteTemplate { get; }

    /// <summary>Gets the values of the route template's placeholders, by name (case-insensitive), unescaped.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>Gets the request body as text, or <see langword="null"/> when the request had none.</summary>
    public string? Body { get; }

    /// <summary>Gets the names of the request's headers, content headers included.</summary>
    public IEnumerable<string> HeaderNames => _headers.Keys;

    /// <summary>Gets a header's values joined by <c>", "</c> (request and content headers alike).</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value, or <see langword="null"/> when the request had no such header.</returns>
    public string? GetHeader(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;
    }

    /// <summary>Gets the first value of a query parameter, unescaped.</summary>
    /// <param name="name">The parameter name (case-sensitive, as on the wire).</param>
    /// <returns>The value, or <see langword="null"/> when the query has no such parameter.</returns>
    public string? GetQuery(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _query.TryGetValue(name, out var values) ? values[0] : null;
    }

    /// <summary>Gets every value of a query parameter, unescaped, in order.</summary>
    /// <param name="name">The parameter name (case-sensitive).</param>
    /// <returns>The values; empty when the query has no such parameter.</returns>
    public IReadOnlyList<string> GetQueryValues(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _query.TryGetValue(name, out var values) ? values.AsReadOnly() : [];
    }

    /// <summary>Parses the body as JSON.</summary>
    /// <returns>The body's root value (a clone, usable after the request is gone).</returns>
    /// <exception cref="FakeApiAssertionException">The request has no body, or the body is not JSON.</exception>
    public JsonElement GetJsonBody()
    {
        if (string.IsNullOrEmpty(Body))
        {
            throw new FakeApiAssertionException($"{this} has no body, but a JSON body was expected.");
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new FakeApiAssertionException($"{this} has a body that is not JSON ({exception.Message}): {Body}", exception);
        }
    }

    /// <summary>Deserializes the body.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="typeInfo">How to read it, such as a source-generated context's property.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="FakeApiAssertionException">The request has no body, or it does not read as <typeparamref name="T"/>.</exception>
    public T? ReadJsonBody<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var body = GetJsonBody();
        try
        {
            return body.Deserialize(typeInfo);
        }
        catch (JsonException exception)
        {
            throw new FakeApiAssertionException($"{this} has a body that does not read as {typeof(T).Name} ({exception.Message}): {Body}", exception);
        }
    }

    /// <summary>Asserts that a header has exactly <paramref name="expected"/> (its values joined by <c>", "</c>).</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <param name="expected">The expected value.</param>
    /// <returns>This request.</returns>
    /// <exception cref="FakeApiAssertionException">The header is missing or has another value.</exception>
    public FakeRequest AssertHeader(string name, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var actual = GetHeader(name);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new FakeApiAssertionException($"{this}: header '{name}' was expected to be {SecretNames.Show(name, expected)}, but it is {SecretNames.Show(name, actual)}.");
        }

        return this;
    }

    /// <summary>Asserts that the request has no such header.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>This request.</returns>
    /// <exception cref="FakeApiAssertionException">The header is there.</exception>
    public FakeRequest AssertNoHeader(string name)
    {
        var actual = GetHeader(name);
        if (actual is not null)
        {
            throw new FakeApiAssertionException($"{this}: header '{name}' was expected to be absent, but it is {SecretNames.Show(name, actual)}.");
        }

        return this;
    }

    /// <summary>Asserts that a query parameter has exactly one value, <paramref name="expected"/>.</summary>
    /// <param name="name">The parameter name (case-sensitive).</param>
    /// <param name="expected">The expected value, unescaped.</param>
    /// <returns>This request.</returns>
    /// <exception cref="FakeApiAssertionException">The parameter is missing, repeated or has another value.</exception>
    public FakeRequest AssertQuery(string name, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var values = GetQueryValues(name);
        if (values.Count != 1 || !string.Equals(values[0], expected, StringComparison.Ordinal))
        {
            var actual = values.Count switch
            {
                0 => "absent",
                1 => SecretNames.Show(name, values[0]),
                _ => $"given {values.Count} times",
            };
            throw new FakeApiAssertionException($"{this}: query parameter '{name}' was expected to be {SecretNames.Show(name, expected)}, but it is {actual}.");
        }

        return this;
    }

    /// <summary>Asserts that the request has no such query parameter.</summary>
    /// <param name="name">The parameter name (case-sensitive).</param>
    /// <returns>This request.</returns>
    /// <exception cref="FakeApiAssertionException">The parameter is there.</exception>
    public FakeRequest AssertNoQuery(string name)
    {
        if (GetQueryValues(name).Count != 0)
        {
            throw new FakeApiAssertionException($"{this}: query parameter '{name}' was expected to be absent, but it is there.");
        }

        return this;
    }

    /// <summary>
    /// Asserts that the body is JSON equal in meaning to <paramref name="expectedJson"/>: properties in any
    /// order, arrays in order, numbers by value, whitespace ignored.
    /// </summary>
    /// <param name="expectedJson">The expected JSON, such as <c>{"name": "Delta"}</c>.</param>
    /// <returns>This request.</returns>
    /// <exception cref="ArgumentException"><paramref name="expectedJson"/> is not JSON.</exception>
    /// <exception cref="FakeApiAssertionException">The body is missing, not JSON, or different.</exception>
    public FakeRequest AssertJsonBody(string expectedJson)
    {
        ArgumentNullException.ThrowIfNull(expectedJson);
        JsonElement expected;
        try
        {
            using var document = JsonDocument.Parse(expectedJson);
            expected = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The expected body is not JSON ({exception.Message}); give JSON such as {{\"name\": \"Delta\"}}.", nameof(expectedJson), exception);
        }

        if (!JsonComparer.Equal(expected, GetJsonBody()))
        {
            throw new FakeApiAssertionException($"{this}: the JSON body differs.{Environment.NewLine}Expected: {expected.GetRawText()}{Environment.NewLine}Actual:   {Body}");
        }

        return this;
    }

    /// <summary>Returns the method and path; the query and headers are left out, since they may carry credentials.</summary>
    /// <returns>Such as <c>POST /api/v1/wings</c>.</returns>
    public override string ToString() => $"{Method} {Path}";

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    internal static Dictionary<string, string[]> CopyHeaders(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = [.. header.Value];
        }

        if (request.Content is { } content)
        {
            foreach (var header in content.Headers)
            {
                headers[header.Key] = [.. header.Value];
            }
        }

        return headers;
    }
}
