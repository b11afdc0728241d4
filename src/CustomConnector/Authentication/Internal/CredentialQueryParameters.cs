using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// The query parameters a credential provider owns: their names feed the redaction policy, and a
/// server-supplied URI (a redirect's <c>Location</c>, a next-page link) loses them before it is sent.
/// </summary>
/// <remarks>The one place that knows which providers put credentials in the query.</remarks>
internal static class CredentialQueryParameters
{
    /// <summary>Gets the names of the query parameters <paramref name="provider"/> puts credentials in; empty for none.</summary>
    public static IReadOnlyList<string> Of(IAuthenticationHeaderProvider? provider) =>
        provider is ApiKeyProvider { Location: ApiKeyLocation.Query } apiKey ? apiKey.QueryParameterNames : [];

    /// <summary>
    /// Removes every parameter named like one of <paramref name="provider"/>'s credential parameters
    /// (case-insensitively, after percent-decoding the name), whatever its value and however it is
    /// encoded: a server that copies the incoming query into a link hands the credential back, and
    /// only the provider may put it on a request.
    /// </summary>
    /// <param name="uri">An absolute URI.</param>
    /// <param name="provider">The provider in use, if any.</param>
    /// <returns><paramref name="uri"/> itself when it carries no such parameter; otherwise a copy without them.</returns>
    public static Uri RemoveFrom(Uri uri, IAuthenticationHeaderProvider? provider)
    {
        var names = Of(provider);
        var query = uri.Query;
        if (names.Count == 0 || query.Length <= 1 || !Contains(query.AsSpan(1), names))
        {
            return uri;
        }

        var kept = new StringBuilder(query.Length);
        var rest = query.AsSpan(1);
        var separator = '&';
        while (true)
        {
            var end = rest.IndexOfAny('&', ';');
            var pair = end < 0 ? rest : rest[..end];
            if (!pair.IsEmpty && !IsOwned(pair, names))
            {
                if (kept.Length > 0)
                {
                    kept.Append(separator);
                }

                kept.Append(pair);
            }

            if (end < 0)
            {
                break;
            }

            separator = rest[end];
            rest = rest[(end + 1)..];
        }

        var text = string.Concat(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo | UriComponents.Path, UriFormat.UriEscaped), kept.Length == 0 ? string.Empty : "?", kept.ToString(), uri.Fragment);
        return new Uri(text, UriKind.Absolute);
    }

    private static bool Contains(ReadOnlySpan<char> query, IReadOnlyList<string> names)
    {
        while (true)
        {
            var end = query.IndexOfAny('&', ';');
            if (IsOwned(end < 0 ? query : query[..end], names))
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }

            query = query[(end + 1)..];
        }
    }

    private static bool IsOwned(ReadOnlySpan<char> pair, IReadOnlyList<string> names)
    {
        var separator = pair.IndexOf('=');
        var name = separator < 0 ? pair : pair[..separator];
        foreach (var owned in names)
        {
            if (RedactionPolicy.NameEquals(name, owned))
            {
                return true;
            }
        }

        return false;
    }
}
