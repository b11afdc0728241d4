using System.Text;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The request for a page, as a strategy describes it: a link the server supplied, and/or query
/// parameters to set. Immutable; every <c>With</c> method returns a new instance.
/// </summary>
/// <remarks>
/// Without a <see cref="Link"/>, the parameters are set on the first page's URI (the endpoint's URI
/// plus what <see cref="IPaginationStrategy.GetFirstRequest"/> added), replacing parameters of the
/// same name. With a link, they are set on the link. A relative link is resolved against the URI of
/// the page it came from (RFC 3986), as browsers resolve links.
/// </remarks>
public sealed class PageRequest
{
    private readonly KeyValuePair<string, string?>[] _queryParameters;

    private PageRequest(string? link, KeyValuePair<string, string?>[] queryParameters)
    {
        Link = link;
        _queryParameters = queryParameters;
    }

    /// <summary>Gets the link to the page (absolute, or relative to the current page's URI), or <see langword="null"/> to build on the first page's URI.</summary>
    public string? Link { get; }

    /// <summary>Gets the query parameters to set, in order; a <see langword="null"/> value removes the parameter.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> QueryParameters => _queryParameters;

    /// <summary>Creates a request for a link, such as a response's <c>next</c> property or <c>Link</c> header.</summary>
    /// <param name="link">An absolute http(s) URI, or a reference relative to the current page's URI.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException"><paramref name="link"/> is null, empty or whitespace.</exception>
    /// <remarks>A link is server-supplied: it is sent with credentials only to the connector's own origins (see <see cref="PaginationOptions.AllowCrossOriginLinks"/>).</remarks>
    public static PageRequest FromLink(string link)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        return new PageRequest(link.Trim(), []);
    }

    /// <summary>Creates a request that sets one query parameter on the first page's URI, such as <c>page=2</c> or <c>cursor=abc</c>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value, formatted with the invariant culture; <see langword="null"/> removes the parameter.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or whitespace.</exception>
    public static PageRequest FromQuery(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new PageRequest(null, [new(name, Format(value))]);
    }

    /// <summary>Returns a copy that also sets <paramref name="name"/> to <paramref name="value"/>, replacing an earlier setting of the same name.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value, formatted with the invariant culture; <see langword="null"/> removes the parameter.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or whitespace.</exception>
    public PageRequest WithQueryParameter(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var parameters = new List<KeyValuePair<string, string?>>(_queryParameters.Length + 1);
        foreach (var parameter in _queryParameters)
        {
            if (!string.Equals(parameter.Key, name, StringComparison.Ordinal))
            {
                parameters.Add(parameter);
            }
        }

        parameters.Add(new(name, Format(value)));
        return new PageRequest(Link, [.. parameters]);
    }

    /// <summary>Describes the request, with the values of credential-like query parameters redacted, and no user info or fragment.</summary>
    /// <returns>Such as <c>link https://h/wings?page=2</c> or <c>query cursor=abc</c>.</returns>
    public override string ToString() => ToString(RedactionPolicy.Default);

    /// <summary>Describes the request under a client's redaction policy.</summary>
    internal string ToString(RedactionPolicy redaction)
    {
        var text = new StringBuilder();
        if (Link is not null)
        {
            text.Append("link ").Append(redaction.Redact(Link));
        }

        if (_queryParameters.Length > 0)
        {
            text.Append(text.Length == 0 ? "query " : " with query ");
            for (var i = 0; i < _queryParameters.Length; i++)
            {
                var (name, value) = _queryParameters[i];
                text.Append(i == 0 ? string.Empty : "&").Append(name).Append('=');
                text.Append(value is null ? "(removed)" : redaction.RedactValue(name, value));
            }
        }

        return text.Length == 0 ? "the first page's URI" : text.ToString();
    }

    private static string? Format(object? value) => value is null ? null : ParameterFormatter.Format(value);
}
