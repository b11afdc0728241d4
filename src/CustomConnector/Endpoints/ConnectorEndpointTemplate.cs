using System.Diagnostics;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// An endpoint defined once, with its <c>{placeholders}</c> left open, and bound per call with
/// <see cref="Bind(string, object?)"/>: the URI is parsed and checked once, and each call costs only
/// its values (a small <see cref="BoundConnectorEndpoint"/> and its URI string).
/// </summary>
/// <remarks>
/// Immutable and thread-safe: keep one in a <see langword="static readonly"/> field and bind it from any
/// thread. Values are formatted and percent-encoded exactly as <c>WithPathParameter</c> does. Everything
/// the builder set (name, headers, query parameters, authentication, envelope, body, resilience,
/// pagination, and path parameters already given) is shared by every endpoint bound from it.
/// </remarks>
/// <example>
/// <code>
/// private static readonly ConnectorEndpointTemplate GetWing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").BuildTemplate();
/// ...
/// Wing wing = (await client.SendAsync(GetWing.Bind("id", 7), json.Wing)).GetDataOrThrow();
/// </code>
/// </example>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ConnectorEndpointTemplate
{
    private readonly UriTemplate _template;
    private readonly string?[]? _fixedValues;
    private readonly string[] _open;
    private readonly List<KeyValuePair<string, string>>? _query;
    private readonly EndpointDefinition _shape;
    private readonly BoundConnectorEndpoint? _closed;

    internal ConnectorEndpointTemplate(UriTemplate template, string?[]? fixedValues, List<KeyValuePair<string, string>>? query, EndpointDefinition shape)
    {
        _template = template;
        _fixedValues = fixedValues;
        _query = query;
        _shape = shape;
        var open = new List<string>();
        for (var i = 0; i < template.Placeholders.Count; i++)
        {
            if (fixedValues?[i] is null)
            {
                open.Add(template.Placeholders[i]);
            }
        }

        _open = [.. open];
        if (_open.Length == 0)
        {
            // Nothing to bind: every Bind() returns this one endpoint (a body added to it makes a new one).
            _closed = new BoundConnectorEndpoint(shape, Finish(template.Expand(fixedValues, -1, null, -1, null), "Bind"), shape.Body);
        }
    }

    /// <summary>Gets the endpoint's name, used in exceptions and diagnostics.</summary>
    public string Name => _shape.Name;

    /// <summary>Gets the HTTP method.</summary>
    public HttpMethod Method => _shape.Method;

    /// <summary>Gets the endpoint URI as given, placeholders included.</summary>
    public string Template => _template.Text;

    /// <summary>Gets the placeholders each <c>Bind</c> must fill: those the builder left open, in the order of the URI.</summary>
    public IReadOnlyList<string> Placeholders => _open;

    /// <summary>Returns the endpoint of a template whose placeholders are all filled already (or that has none).</summary>
    /// <returns>The endpoint, the same instance on every call.</returns>
    /// <exception cref="ArgumentException">The template has placeholders to fill; the message lists them.</exception>
    public BoundConnectorEndpoint Bind() => _closed ?? throw Missing(_open, "Bind");

    /// <summary>Returns the endpoint with placeholder <c>{<paramref name="name"/>}</c> filled with <paramref name="value"/>.</summary>
    /// <param name="name">The placeholder's name, without braces.</param>
    /// <param name="value">The value, formatted with the invariant culture and percent-encoded as one path segment.</param>
    /// <returns>A small immutable endpoint, to send now or keep.</returns>
    /// <exception cref="ArgumentException">
    /// The template has no open placeholder <paramref name="name"/>, or has others too, or the value is null, a
    /// collection, empty, <c>.</c> or <c>..</c>, or holds an unpaired UTF-16 surrogate.
    /// </exception>
    public BoundConnectorEndpoint Bind(string name, object? value)
    {
        var index = IndexOfOpen(name, nameof(name));
        if (_open.Length != 1)
        {
            throw Missing(Except(name), nameof(name));
        }

        var escaped = PathParameterRules.Escape(name, value, nameof(value));
        return Create(_template.Expand(_fixedValues, index, escaped, -1, null));
    }

    /// <summary>Returns the endpoint with two placeholders filled.</summary>
    /// <param name="name1">The first placeholder's name, without braces.</param>
    /// <param name="value1">The first value.</param>
    /// <param name="name2">The second placeholder's name, without braces.</param>
    /// <param name="value2">The second value.</param>
    /// <returns>A small immutable endpoint, to send now or keep.</returns>
    /// <exception cref="ArgumentException">A name is not an open placeholder, is given twice, or another placeholder is left open; or a value is refused (see <see cref="Bind(string, object?)"/>).</exception>
    public BoundConnectorEndpoint Bind(string name1, object? value1, string name2, object? value2)
    {
        var index1 = IndexOfOpen(name1, nameof(name1));
        var index2 = IndexOfOpen(name2, nameof(name2));
        if (index1 == index2)
        {
            throw new ArgumentException($"Endpoint '{Name}': Bind was given placeholder '{{{name1}}}' twice. Name each placeholder once.", nameof(name2));
        }

        if (_open.Length != 2)
        {
            throw Missing(Except(name1, name2), nameof(name2));
        }

        var escaped1 = PathParameterRules.Escape(name1, value1, nameof(value1));
        var escaped2 = PathParameterRules.Escape(name2, value2, nameof(value2));
        return Create(_template.Expand(_fixedValues, index1, escaped1, index2, escaped2));
    }

    /// <summary>Returns the endpoint with any number of placeholders filled.</summary>
    /// <param name="pathParameters">A value for each open placeholder, by name.</param>
    /// <returns>A small immutable endpoint, to send now or keep.</returns>
    /// <exception cref="ArgumentException">A name is not an open placeholder, is given twice, or another placeholder is left open; or a value is refused (see <see cref="Bind(string, object?)"/>).</exception>
    public BoundConnectorEndpoint Bind(params ReadOnlySpan<KeyValuePair<string, object?>> pathParameters)
    {
        if (pathParameters.IsEmpty)
        {
            return Bind();
        }

        var values = _fixedValues is null ? new string?[_template.Placeholders.Count] : (string?[])_fixedValues.Clone();
        var given = new List<string>(pathParameters.Length);
        foreach (var (name, value) in pathParameters)
        {
            var index = IndexOfOpen(name, nameof(pathParameters));
            if (values[index] is not null)
            {
                throw new ArgumentException($"Endpoint '{Name}': Bind was given placeholder '{{{name}}}' twice. Name each placeholder once.", nameof(pathParameters));
            }

            values[index] = PathParameterRules.Escape(name, value, nameof(pathParameters));
            given.Add(name);
        }

        if (given.Count != _open.Length)
        {
            throw Missing(Except([.. given]), nameof(pathParameters));
        }

        return Create(_template.Expand(values, -1, null, -1, null));
    }

    /// <summary>Describes the template through the default redaction policy widened with the endpoint's own provider.</summary>
    /// <returns>The method, the template and the name.</returns>
    public override string ToString() => $"{Method} {RedactionPolicy.Default.With(_shape.Authentication).Redact(_template.Text)} ({Name})";

    private BoundConnectorEndpoint Create(string expanded) => new(_shape, Finish(expanded, "value"), _shape.Body);

    private string Finish(string expanded, string paramName)
    {
        var requestUri = QueryParameterRules.Append(expanded, _query);
        PathParameterRules.ThrowIfMalformedAbsolute(_template, requestUri, Name, paramName);
        return requestUri;
    }

    private int IndexOfOpen(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        var index = _template.IndexOf(name);
        if (index < 0)
        {
            throw PathParameterRules.UnknownPlaceholder(_template, name, RedactionPolicy.Default.With(_shape.Authentication), paramName);
        }

        if (_fixedValues?[index] is not null)
        {
            throw new ArgumentException($"Endpoint '{Name}': placeholder '{{{name}}}' was filled by WithPathParameter before BuildTemplate(), so Bind cannot fill it again. Bind only {Describe(_open)}, or leave '{{{name}}}' open when you build the template.", paramName);
        }

        return index;
    }

    private string[] Except(params string[] given)
    {
        var missing = new List<string>(_open.Length);
        foreach (var name in _open)
        {
            if (Array.IndexOf(given, name) < 0)
            {
                missing.Add(name);
            }
        }

        return [.. missing];
    }

    private ArgumentException Missing(IReadOnlyList<string> missing, string paramName) => new(
        $"Endpoint '{Name}' has placeholders left unfilled: {Describe(missing)}. Give Bind a value for each of {Describe(_open)}.",
        paramName);

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "none" : $"{{{string.Join("}, {", names)}}}";
}
