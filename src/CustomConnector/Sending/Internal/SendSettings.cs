using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// What the hop sender and the trust policy need of a connector's settings: where credentials may go,
/// the provider, the connector-wide headers, how redirects are followed and how bodies are serialized.
/// </summary>
/// <remarks>
/// Owned by Sending/ and built by the client's settings (<see cref="ConnectorSettings.Sending"/>), so
/// the stage that sends knows nothing of the client above it.
/// </remarks>
internal sealed class SendSettings
{
    private readonly IAuthenticationHeaderProvider? _authentication;
    private readonly Lazy<IAuthenticationHeaderProvider?>? _lazyAuthentication;

    /// <param name="authentication">The connector's provider, if it has one already.</param>
    /// <param name="lazyAuthentication">The provider built on first use (an OAuth 2.0 provider from settings), if any.</param>
    public SendSettings(IAuthenticationHeaderProvider? authentication, Lazy<IAuthenticationHeaderProvider?>? lazyAuthentication = null)
    {
        _authentication = authentication;
        _lazyAuthentication = lazyAuthentication;
    }

    public Uri? BaseAddress { get; init; }

    public Uri[] TrustedOrigins { get; init; } = [];

    /// <summary>Gets the connector's provider: the one given, else the one its authentication settings describe (an OAuth 2.0 provider is built on first use).</summary>
    public IAuthenticationHeaderProvider? Authentication => _authentication ?? _lazyAuthentication?.Value;

    public KeyValuePair<string, string>[] DefaultHeaders { get; init; } = [];

    /// <summary>Gets a value indicating whether a default header looks like a credential (see <see cref="PlainHttpRule.IsCredentialHeader"/>).</summary>
    public bool HasCredentialDefaultHeaders { get; init; }

    public bool FollowRedirects { get; init; }

    public int MaxRedirects { get; init; } = ConnectorDefaults.MaxRedirects;

    public JsonSerializerOptions SerializerOptions { get; init; } = ConnectorDefaults.SerializerOptions;

    /// <summary>True when credentials may be sent to <paramref name="uri"/>'s origin: the base address's or a trusted one.</summary>
    public bool IsTrustedOrigin(Uri uri)
    {
        if (BaseAddress is not null && UriJoiner.SameOrigin(BaseAddress, uri))
        {
            return true;
        }

        foreach (var origin in TrustedOrigins)
        {
            if (UriJoiner.SameOrigin(origin, uri))
            {
                return true;
            }
        }

        return false;
    }
}
