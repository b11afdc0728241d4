using System.Diagnostics;

namespace CustomConnector;

/// <summary>A client credentials access token as an <see cref="IOAuth2TokenCache"/> stores it.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class OAuth2CachedToken
{
    /// <summary>Initializes a new instance of the <see cref="OAuth2CachedToken"/> class.</summary>
    /// <param name="accessToken">The access token; a secret.</param>
    /// <param name="refreshAt">When the token should be replaced (its expiry less the provider's <see cref="OAuth2ClientCredentialsOptions.RefreshBeforeExpiry"/>); <see cref="DateTimeOffset.MaxValue"/> when the token endpoint gave no lifetime.</param>
    /// <exception cref="ArgumentException"><paramref name="accessToken"/> is null or empty.</exception>
    public OAuth2CachedToken(string accessToken, DateTimeOffset refreshAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        AccessToken = accessToken;
        RefreshAt = refreshAt;
    }

    /// <summary>Gets the access token. A secret: store it protected where you can.</summary>
    public string AccessToken { get; }

    /// <summary>Gets when the token should be replaced; until then every instance uses it.</summary>
    public DateTimeOffset RefreshAt { get; }

    /// <summary>Describes the token without its value.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"OAuth2 token (hidden), refreshed at {RefreshAt:u}";
}
