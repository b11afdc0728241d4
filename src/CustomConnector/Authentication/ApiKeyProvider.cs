using System.Diagnostics;
using System.Text;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>API key authentication: the key travels in a header or a query parameter.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ApiKeyProvider : IAuthenticationHeaderProvider
{
    private readonly string _value;
    private readonly string _queryPair;

    /// <summary>Initializes a new instance of the <see cref="ApiKeyProvider"/> class.</summary>
    /// <param name="name">The header or query parameter name, such as <c>X-Api-Key</c> or <c>api_key</c>.</param>
    /// <param name="value">The key.</param>
    /// <param name="location">Where the key travels.</param>
    /// <exception cref="ArgumentException">The name or value is empty, the header name is not a valid token, the value cannot be sent where it travels (a header value with control or non-ASCII characters; control characters in the query), or the location is undefined.</exception>
    public ApiKeyProvider(string name, string value, ApiKeyLocation location = ApiKeyLocation.Header)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (!Enum.IsDefined(location))
        {
            throw new ArgumentException($"'{location}' is not an ApiKeyLocation; use Header or Query.", nameof(location));
        }

        if (CredentialRules.ApiKeyNameProblem(name, location) is { } nameProblem)
        {
            throw new ArgumentException($"The API key name {nameProblem}", nameof(name));
        }

        if (CredentialRules.ApiKeyValueProblem(value, location) is { } valueProblem)
        {
            // The value is not echoed: it is the credential.
            throw new ArgumentException($"The value of API key '{name}' {valueProblem}", nameof(value));
        }
        Name = name;
        Location = location;
        _value = value;
        _queryPair = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
    }

    /// <summary>Gets the header or query parameter name.</summary>
    public string Name { get; }

    /// <summary>Gets where the key travels.</summary>
    public ApiKeyLocation Location { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The request has no absolute URI, so a query key cannot be added.</exception>
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Location == ApiKeyLocation.Header)
        {
            request.Headers.Remove(Name);
            request.Headers.TryAddWithoutValidation(Name, _value);
            return ValueTask.CompletedTask;
        }

        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("An API key in the query needs a request with an absolute URI.");
        }

        var builder = new UriBuilder(uri);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?"
            ? _queryPair
            : string.Concat(builder.Query.AsSpan(1), "&", _queryPair);
        request.RequestUri = builder.Uri;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Removes this key from a URI the server supplied, such as a redirect that copied the incoming
    /// query into <c>Location</c>. Only a parameter with this name and this value is removed.
    /// </summary>
    /// <param name="uri">An absolute URI.</param>
    /// <returns><paramref name="uri"/> itself when it does not carry the key; otherwise a copy without it.</returns>
    internal Uri RemoveFromQuery(Uri uri)
    {
        var query = uri.Query;
        if (Location != ApiKeyLocation.Query || query.Length <= 1)
        {
            return uri;
        }

        var kept = new StringBuilder(query.Length);
        var removed = false;
        foreach (var pair in query[1..].Split('&'))
        {
            if (IsThisKey(pair))
            {
                removed = true;
                continue;
            }

            if (kept.Length > 0)
            {
                kept.Append('&');
            }

            kept.Append(pair);
        }

        return removed ? new UriBuilder(uri) { Query = kept.ToString() }.Uri : uri;
    }

    /// <summary>Describes the provider without the key.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"API key in {(Location == ApiKeyLocation.Header ? "header" : "query parameter")} '{Name}' (value hidden)";

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private bool IsThisKey(string pair)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        return separator > 0
            && string.Equals(Decode(pair[..separator]), Name, StringComparison.Ordinal)
            && string.Equals(Decode(pair[(separator + 1)..]), _value, StringComparison.Ordinal);
    }
}
