using System.Net;

namespace CustomConnector.Internal;

/// <summary>
/// The one rule for plain http: credentials go over <c>http://</c> only to a loopback host, unless
/// the connector sets <c>AllowInsecureHttp</c>. Configuration validation, the client's constructors,
/// the OAuth 2.0 provider and the send path all ask this class, so they cannot disagree.
/// </summary>
/// <remarks>
/// Loopback means an IP loopback address (127.0.0.0/8 in any form <see cref="Uri"/> accepts, such as
/// <c>127.1</c>; <c>::1</c>; <c>::ffff:127.x.y.z</c>) or the name <c>localhost</c> exactly as written
/// (any case). Not loopback: <c>*.localhost</c>, <c>localhost.</c> and the alias <c>loopback</c>,
/// which <see cref="Uri.IsLoopback"/> accepts and <see cref="Uri"/> rewrites to <c>localhost</c>, since
/// another stack (a proxy, a custom handler, the OS resolver) may send such a name elsewhere.
/// </remarks>
internal static class PlainHttpRule
{
    /// <summary>True when credentials sent to <paramref name="uri"/> would cross a network in clear text.</summary>
    public static bool IsInsecure(Uri uri) =>
        uri.IsAbsoluteUri && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !IsLoopback(uri);

    /// <summary>True when <paramref name="uri"/>'s host is an IP loopback address or the name <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                // DnsSafeHost drops the brackets of an IPv6 literal; a scope id makes it fail IsLoopback, which is the safe side.
                return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
            case UriHostNameType.Dns:
                return string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase) && WrittenHostIsLocalhost(uri.OriginalString);
            default:
                return false;
        }
    }

    /// <summary>True when a header of this name is likely to carry a credential (an API key, a token, a cookie).</summary>
    public static bool IsCredentialHeader(string name) =>
        name.Contains("auth", StringComparison.OrdinalIgnoreCase)
        || name.Contains("key", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("cookie", StringComparison.OrdinalIgnoreCase)
        || name.Contains("session", StringComparison.OrdinalIgnoreCase)
        || name.Contains("signature", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when any of <paramref name="names"/> is a credential header.</summary>
    public static bool AnyCredentialHeader(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (IsCredentialHeader(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The scheme, host and port of <paramref name="uri"/>, such as <c>http://api.example.com:80</c>: enough
    /// to say where, and never user info, path or query, so it needs no redaction.
    /// </summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{(uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost)}:{uri.Port}";

    /// <summary>
    /// <see cref="Uri"/> turns the host <c>loopback</c> into <c>localhost</c>; only the text the caller
    /// wrote tells them apart.
    /// </summary>
    private static bool WrittenHostIsLocalhost(string original)
    {
        var text = original.AsSpan().Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return false;
        }

        var authority = text[(schemeEnd + 3)..];
        var end = authority.IndexOfAny("/\\?#");
        if (end >= 0)
        {
            authority = authority[..end];
        }

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            authority = authority[..colon];
        }

        return authority.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }
}
