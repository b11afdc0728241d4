using System.Diagnostics;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>API key authentication: the key travels in a header or a query parameter.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ApiKeyProvider : IAuthenticationHeaderProvider
{
    private readonly string _value;
    private readonly string _queryPair;
    private readonly string[] _headerNames;
    private readonly string[] _queryParameterNames;

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
        _headerNames = location == ApiKeyLocation.Header ? [name] : [];
        _queryParameterNames = location == ApiKeyLocation.Query ? [name] : [];
    }

    /// <summary>Gets the header or query parameter name.</summary>
    public string Name { get; }

    /// <summary>Gets where the key travels.</summary>
    public ApiKeyLocation Location { get; }

    /// <inheritdoc/>
    IReadOnlyList<string> IAuthenticationHeaderProvider.CredentialHeaderNames => _headerNames;

    /// <inheritdoc/>
    IReadOnlyList<string> IAuthenticationHeaderProvider.CredentialQueryParameterNames => _queryParameterNames;

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

    /// <summary>Describes the provider without the key.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"API key in {(Location == ApiKeyLocation.Header ? "header" : "query parameter")} '{Name}' (value hidden)";
}
