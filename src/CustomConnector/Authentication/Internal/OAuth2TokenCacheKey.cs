using System.Security.Cryptography;
using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// The key under which an <see cref="IOAuth2TokenCache"/> keeps a token: a SHA-256 over everything that
/// shapes the token (token endpoint, client id, scope, every token parameter, and a SHA-256 of the
/// secret), each part length-prefixed so that no two inputs run together.
/// </summary>
/// <remarks>
/// A shared cache that left a token parameter out would serve one tenant's or audience's token to
/// another; one that left the secret out would keep serving a token after the secret was rotated. The
/// key is a hash, so neither the secret nor the endpoint can be read back from a cache listing.
/// </remarks>
internal static class OAuth2TokenCacheKey
{
    public const string Prefix = "oauth2-cc:v1:";

    /// <summary>Derives the key for validated options.</summary>
    public static string Create(Uri tokenEndpoint, string clientId, string clientSecret, string? scope, IEnumerable<KeyValuePair<string, string>> tokenParameters)
    {
        var text = new StringBuilder();
        Append(text, tokenEndpoint.AbsoluteUri);
        Append(text, clientId);
        Append(text, string.IsNullOrWhiteSpace(scope) ? string.Empty : scope);
        var parameters = tokenParameters.ToList();
        parameters.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        text.Append(parameters.Count).Append(';');
        foreach (var (name, value) in parameters)
        {
            Append(text, name);
            Append(text, value);
        }

        Append(text, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret))));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Prefix + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static void Append(StringBuilder text, string part) => text.Append(part.Length).Append(':').Append(part).Append(';');
}
