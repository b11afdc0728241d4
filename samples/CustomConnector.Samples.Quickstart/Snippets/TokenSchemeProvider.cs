using System.Net.Http.Headers;

namespace CustomConnector.Samples.Quickstart;

/// <summary>
/// A custom provider, shown in docs/authentication.md: an API that wants <c>Authorization: Token &lt;key&gt;</c>,
/// a scheme none of the built-in providers sends.
/// </summary>
public sealed class TokenSchemeProvider(string key) : IAuthenticationHeaderProvider
{
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", key);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<string> CredentialHeaderNames { get; } = ["Authorization"]; // what it owns

    public override string ToString() => "Token scheme (key hidden)"; // never the secret
}
