namespace CustomConnector.Cli.Tests;

/// <summary>The secret kinds a connector can carry, for theories over masking.</summary>
public enum SecretKind
{
    None,
    Basic,
    Bearer,
    ApiKeyHeader,
    ApiKeyQuery,
    OAuth2,
}

/// <summary>Connector definitions for the test server, as a user writes them: no secrets in the file.</summary>
internal static class WingsDefinitions
{
    public static string Wings(Uri api, SecretKind kind = SecretKind.None, Uri? tokenEndpoint = null, string extra = "") => $$"""
        {
          // A wings connector, as in docs/configuration.md; secrets come from the environment.
          "BaseAddress": "{{api}}",
          "Resilience": { "Enabled": false },
          {{Authentication(kind, tokenEndpoint)}}
          {{extra}}
          "Endpoints": {
            "getWing": { "Method": "GET", "Path": "wings/{id}" },
            "createWing": { "Method": "POST", "Path": "wings" },
            "listWings": { "Path": "wings", "Pagination": { "Type": "PageNumber", "PageParameter": "page", "PageSizeParameter": "pageSize", "PageSize": 10, "TotalPagesPath": "totalPages" } },
            "empty": { "Path": "empty" },
            "broken": { "Path": "broken" },
            "slow": { "Path": "slow" },
            "echo": { "Path": "echo" }
          }
        }
        """;

    private static string Authentication(SecretKind kind, Uri? tokenEndpoint) => kind switch
    {
        SecretKind.None => string.Empty,
        SecretKind.Basic => """ "Authentication": { "Type": "Basic" }, """,
        SecretKind.Bearer => """ "Authentication": { "Type": "Bearer" }, """,
        SecretKind.ApiKeyHeader => """ "Authentication": { "Type": "ApiKey", "ApiKeyName": "X-Api-Key", "ApiKeyLocation": "Header" }, """,
        SecretKind.ApiKeyQuery => """ "Authentication": { "Type": "ApiKey", "ApiKeyName": "api_key", "ApiKeyLocation": "Query" }, """,
        SecretKind.OAuth2 => $$""" "Authentication": { "Type": "OAuth2ClientCredentials", "TokenEndpoint": "{{tokenEndpoint}}", "Scope": "wings.read" }, """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Sets the secrets of <paramref name="kind"/> in the environment, as WINGS_Authentication__... variables.</summary>
    public static Cli WithSecrets(this Cli cli, SecretKind kind) => kind switch
    {
        SecretKind.Basic => cli.WithVariable("WINGS_Authentication__Username", Secrets.Username).WithVariable("WINGS_Authentication__Password", Secrets.Password),
        SecretKind.Bearer => cli.WithVariable("WINGS_Authentication__Token", Secrets.BearerToken),
        SecretKind.ApiKeyHeader => cli.WithVariable("WINGS_Authentication__ApiKeyValue", Secrets.HeaderApiKey),
        SecretKind.ApiKeyQuery => cli.WithVariable("WINGS_Authentication__ApiKeyValue", Secrets.QueryApiKey),
        SecretKind.OAuth2 => cli.WithVariable("WINGS_Authentication__ClientId", Secrets.ClientId).WithVariable("WINGS_Authentication__ClientSecret", Secrets.ClientSecret),
        _ => cli,
    };

    /// <summary>What the server sees when <paramref name="kind"/>'s credential was sent.</summary>
    public static string Expected(SecretKind kind) => kind switch
    {
        SecretKind.Basic => Secrets.BasicHeader,
        SecretKind.Bearer => "Bearer " + Secrets.BearerToken,
        SecretKind.ApiKeyHeader => Secrets.HeaderApiKey,
        SecretKind.ApiKeyQuery => Secrets.QueryApiKey,
        SecretKind.OAuth2 => "Bearer " + Secrets.AccessToken,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
