using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// The one redaction policy: every URI or URI-like text the library writes (exception messages,
/// <c>ToString()</c>, log events, activity tags, validation messages) goes through it first.
/// </summary>
/// <remarks>
/// <para>
/// A query parameter is sensitive when its name, percent-decoded (with <c>+</c> read as a space),
/// equals one of <see cref="Names"/> ignoring case; its value, however encoded, becomes
/// <see cref="ConnectorDefaults.RedactedValue"/>. Parameters are separated by <c>&amp;</c>; a name after a <c>;</c> counts too, and a sensitive value runs to the next <c>&amp;</c>.
/// User info (<c>user:password@</c>) and the fragment (<c>#...</c>) are never printed: they are dropped.
/// </para>
/// <para>
/// Cheap on the happy path: text with nothing to redact is returned as is, without allocating.
/// </para>
/// </remarks>
internal sealed class RedactionPolicy
{
    private readonly string[] _names;

    private RedactionPolicy(string[] names) => _names = names;

    /// <summary>Gets the policy of the library's default names, for text written where no client's settings are known.</summary>
    public static RedactionPolicy Default { get; } = new([.. ConnectorDefaults.SensitiveQueryParameters]);

    /// <summary>Gets the sensitive query parameter names (matched case-insensitively, after percent-decoding).</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Creates the policy of a client: its configured names plus the query names of every credential provider in use.</summary>
    /// <param name="names">The configured names (<see cref="ConnectorClientOptions.SensitiveQueryParameters"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="credentialNames">
    /// The query parameter names the credential providers in use put secrets in
    /// (<see cref="IAuthenticationHeaderProvider.CredentialQueryParameterNames"/>); the policy does not know providers.
    /// </param>
    public static RedactionPolicy Create(IEnumerable<string>? names, IEnumerable<string>? credentialNames = null)
    {
        var all = new HashSet<string>(names ?? ConnectorDefaults.SensitiveQueryParameters, StringComparer.OrdinalIgnoreCase);
        if (credentialNames is not null)
        {
            all.UnionWith(credentialNames);
        }

        all.RemoveWhere(string.IsNullOrEmpty);
        return new([.. all]);
    }

    /// <summary>Returns this policy widened with <paramref name="names"/>; the same instance, without allocating, when it has them all already.</summary>
    /// <param name="names">Names to add, such as a credential provider's <see cref="IAuthenticationHeaderProvider.CredentialQueryParameterNames"/>; empty ones are skipped.</param>
    public RedactionPolicy With(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);

        // Indexed, not foreach: enumerating an IReadOnlyList allocates an enumerator, and this runs per call.
        for (var i = 0; i < names.Count; i++)
        {
            if (!string.IsNullOrEmpty(names[i]) && !Contains(names[i]))
            {
                return Create(_names, names);
            }
        }

        return this;
    }

    private bool Contains(string name)
    {
        foreach (var candidate in _names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells whether a query parameter name as written (possibly percent-encoded, <c>+</c> for space)
    /// names a secret under this policy.
    /// </summary>
    public bool IsSensitive(ReadOnlySpan<char> name)
    {
        foreach (var candidate in _names)
        {
            if (NameEquals(name, candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Tells whether a query parameter name as written (possibly percent-encoded, <c>+</c> for space)
    /// is <paramref name="name"/>, ignoring case.
    /// </summary>
    public static bool NameEquals(ReadOnlySpan<char> written, string name)
    {
        if (written.Equals(name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (written.IndexOfAny('%', '+') < 0)
        {
            return false;
        }

        // An encoded form is at least as long as the name it encodes.
        return written.Length >= name.Length
            && string.Equals(Uri.UnescapeDataString(written.ToString().Replace('+', ' ')), name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Redacts a URI, absolute or relative: user info and fragment dropped, sensitive values replaced.</summary>
    /// <returns><paramref name="uri"/> itself when there is nothing to redact.</returns>
    public Uri Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // Other schemes (ftp, file, mailto) may have no query component at all: '?' then sits in
            // the path, so the text as written is what gets redacted.
            var text = uri.OriginalString;
            var redacted = Redact(text);
            return ReferenceEquals(redacted, text) ? uri : new Uri(redacted, UriKind.RelativeOrAbsolute);
        }

        var query = uri.Query;
        var sensitiveQuery = query.Length > 1 && HasSensitive(query.AsSpan(1));
        if (uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && !sensitiveQuery)
        {
            return uri;
        }

        var builder = new StringBuilder(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        if (query.Length > 0)
        {
            builder.Append('?');
            AppendQuery(builder, query.AsSpan(1));
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>Redacts a URI as text (the caller's or a server's, which may not even parse): user info and fragment dropped, sensitive values replaced.</summary>
    /// <returns><paramref name="text"/> itself when there is nothing to redact.</returns>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var fragment = span.IndexOf('#');
        var beforeFragment = fragment < 0 ? span : span[..fragment];
        var queryStart = beforeFragment.IndexOf('?');
        var head = queryStart < 0 ? beforeFragment : beforeFragment[..queryStart];
        var (userInfoStart, userInfoEnd) = FindUserInfo(head);
        var query = queryStart < 0 ? [] : beforeFragment[(queryStart + 1)..];
        if (fragment < 0 && userInfoStart < 0 && !HasSensitive(query))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        if (userInfoStart < 0)
        {
            builder.Append(head);
        }
        else
        {
            builder.Append(head[..userInfoStart]).Append(head[userInfoEnd..]);
        }

        if (queryStart >= 0)
        {
            builder.Append('?');
            AppendQuery(builder, query);
        }

        return builder.ToString();
    }

    /// <summary>Describes one query parameter's value for a message: the value itself, or the redaction marker when the name is sensitive.</summary>
    public string RedactValue(string name, string value) => IsSensitive(name) ? ConnectorDefaults.RedactedValue : value;

    /// <summary>Finds <c>user:password@</c> after <c>scheme://</c> or <c>//</c>: the start of the user info and the index just past its <c>@</c>.</summary>
    private static (int Start, int End) FindUserInfo(ReadOnlySpan<char> head)
    {
        var scheme = head.IndexOf("//", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return (-1, -1);
        }

        var authorityStart = scheme + 2;
        var authority = head[authorityStart..];
        var end = authority.IndexOfAny('/', '\\');
        if (end >= 0)
        {
            authority = authority[..end];
        }

        // Browsers take the last '@' of the authority: a password may hold a raw '@'.
        var at = authority.LastIndexOf('@');
        return at < 0 ? (-1, -1) : (authorityStart, authorityStart + at + 1);
    }

    private bool HasSensitive(ReadOnlySpan<char> query)
    {
        while (true)
        {
            var end = query.IndexOf('&');
            if (SensitiveValueStart(end < 0 ? query : query[..end]) >= 0)
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

    private void AppendQuery(StringBuilder builder, ReadOnlySpan<char> query)
    {
        while (true)
        {
            var end = query.IndexOf('&');
            var pair = end < 0 ? query : query[..end];
            var value = SensitiveValueStart(pair);
            if (value >= 0)
            {
                builder.Append(pair[..value]).Append(ConnectorDefaults.RedactedValue);
            }
            else
            {
                builder.Append(pair);
            }

            if (end < 0)
            {
                return;
            }

            builder.Append('&');
            query = query[(end + 1)..];
        }
    }

    /// <summary>
    /// Finds where a sensitive value starts in one <c>&amp;</c>-separated pair: after the pair's own name,
    /// or after a name that follows a <c>;</c> (which some servers read as a separator too). The value
    /// runs to the end of the pair, so a raw <c>;</c> inside a secret does not let its tail through.
    /// </summary>
    /// <returns>The index just past the <c>=</c>, or -1 when the pair holds no sensitive name.</returns>
    private int SensitiveValueStart(ReadOnlySpan<char> pair)
    {
        var offset = 0;
        while (true)
        {
            var segment = pair[offset..];
            var separator = segment.IndexOf('=');
            var next = segment.IndexOf(';');
            if (separator > 0 && (next < 0 || separator < next) && IsSensitive(segment[..separator]))
            {
                return offset + separator + 1;
            }

            if (next < 0)
            {
                return -1;
            }

            offset += next + 1;
        }
    }
}
