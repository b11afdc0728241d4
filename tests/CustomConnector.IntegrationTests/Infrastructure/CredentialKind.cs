namespace CustomConnector.IntegrationTests;

/// <summary>The built-in providers whose credentials redirect and origin tests follow.</summary>
public enum CredentialKind
{
    Basic,
    Bearer,
    ApiKeyHeader,
    ApiKeyQuery,
}
