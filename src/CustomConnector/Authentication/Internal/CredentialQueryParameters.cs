using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// The query parameters a credential provider owns: their names feed the redaction policy, and a
/// server-supplied URI (a redirect's <c>Location</c>, a next-page link) loses them before it is sent.
/// </summary>
/// <remarks>Each provider names its own parameters (<see cref="IAuthenticationHeaderProvider.CredentialQueryParameterNames"/>); no concrete provider type is known here.</remarks>
internal static class CredentialQueryParameters
{
    /// <summary>Gets the names of the query parameters <paramref name="provider"/> puts credentials in; empty for none.</summary>
    public static IReadOnlyList<string> Of(IAuthenticationHeaderProvider? provider) =>
        provider?.CredentialQueryParameterNames ?? [];

    /// <summary>
    /// Returns <paramref name="policy"/> widened with <paramref name="provider"/>'s query names: the
    /// authentication layer hands the names to the redaction policy, which knows no provider.
    /// </summary>
    /// <returns>The same instance, without allocating, when the provider adds no name the policy lacks.</returns>
    public static RedactionPolicy With(this RedactionPolicy policy, IAuthenticationHeaderProvider? provider) => policy.With(Of(provider));

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
        while (true)
        {
            var end = rest.IndexOf('&');
            var pair = end < 0 ? rest : rest[..end];
            var owned = OwnedStart(pair, names);
            var keep = owned < 0 ? pair : pair[..Math.Max(0, owned - 1)];
            if (!keep.IsEmpty)
            {
                if (kept.Length > 0)
                {
                    kept.Append('&');
                }

                kept.Append(keep);
            }

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        var text = string.Concat(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo | UriComponents.Path, UriFormat.UriEscaped), kept.Length == 0 ? string.Empty : "?", kept.ToString(), uri.Fragment);
        return new Uri(text, UriKind.Absolute);
    }

    private static bool Contains(ReadOnlySpan<char> query, IReadOnlyList<string> names)
    {
        while (true)
        {
            var end = query.IndexOf('&');
            if (OwnedStart(end < 0 ? query : query[..end], names) >= 0)
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

    /// <summary>
    /// Finds an owned parameter in one <c>&amp;</c>-separated pair: the pair itself, or a part after a
    /// <c>;</c> (which some servers read as a separator). Everything from there to the pair's end goes.
    /// </summary>
    /// <returns>The index where the owned parameter starts, or -1.</returns>
    private static int OwnedStart(ReadOnlySpan<char> pair, IReadOnlyList<string> names)
    {
        var offset = 0;
        while (true)
        {
            var segment = pair[offset..];
            var next = segment.IndexOf(';');
            var parameter = next < 0 ? segment : segment[..next];
            var separator = parameter.IndexOf('=');
            var name = separator < 0 ? parameter : parameter[..separator];
            foreach (var owned in names)
            {
                if (RedactionPolicy.NameEquals(name, owned))
                {
                    return offset;
                }
            }

            if (next < 0)
            {
                return -1;
            }

            offset += next + 1;
        }
    }
}
