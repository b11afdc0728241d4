using System.Text;

namespace CustomConnector.IntegrationTests;

/// <summary>One provider of each built-in kind, and where each one's secret shows up in a recorded request.</summary>
internal static class Credentials
{
    public const string ApiKeyHeaderName = "X-Api-Key";
    public const string ApiKeyQueryName = "api_key";
    public const string CustomHeaderName = "X-Custom";
    public const string CustomHeaderValue = "endpoint-header-value";
    public const string DefaultHeaderName = "X-Default";
    public const string DefaultHeaderValue = "client-header-value";

    public static IAuthenticationHeaderProvider Create(CredentialKind kind) => kind switch
    {
        CredentialKind.Basic => new BasicAuthenticationProvider("svc-user", "basic-s3cret"),
        CredentialKind.Bearer => new BearerTokenProvider("bearer-s3cret"),
        CredentialKind.ApiKeyHeader => new ApiKeyProvider(ApiKeyHeaderName, "header-key-s3cret", ApiKeyLocation.Header),
        CredentialKind.ApiKeyQuery => new ApiKeyProvider(ApiKeyQueryName, "query-key-s3cret", ApiKeyLocation.Query),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Gets the exact value the server sees when the provider of <paramref name="kind"/> was applied.</summary>
    public static string Expected(CredentialKind kind) => kind switch
    {
        CredentialKind.Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-user:basic-s3cret")),
        CredentialKind.Bearer => "Bearer bearer-s3cret",
        CredentialKind.ApiKeyHeader => "header-key-s3cret",
        CredentialKind.ApiKeyQuery => "query-key-s3cret",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Gets what the server saw where <paramref name="kind"/>'s secret travels, or null when nothing was there.</summary>
    public static string? Observed(RecordedRequest request, CredentialKind kind) => kind switch
    {
        CredentialKind.Basic or CredentialKind.Bearer => request.Header("Authorization"),
        CredentialKind.ApiKeyHeader => request.Header(ApiKeyHeaderName),
        // Joined, so that a key sent twice does not pass for one sent once.
        CredentialKind.ApiKeyQuery => request.QueryValues(ApiKeyQueryName) is { Length: > 0 } values ? string.Join(",", values) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Asserts that <paramref name="request"/> carries no credential of any kind and none of the custom headers.</summary>
    public static void AssertNone(RecordedRequest request)
    {
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header(ApiKeyHeaderName));
        Assert.Empty(request.QueryValues(ApiKeyQueryName));
        Assert.Null(request.Header(CustomHeaderName));
        Assert.Null(request.Header(DefaultHeaderName));
        foreach (var kind in Enum.GetValues<CredentialKind>())
        {
            var secret = Expected(kind);
            Assert.DoesNotContain(secret, request.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, string.Join("\n", request.Headers.Values), StringComparison.Ordinal);
        }
    }
}
