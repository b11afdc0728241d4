using System.Text;

namespace CustomConnector.Internal;

/// <summary>Removes credentials from a URI before it reaches an exception, a log or telemetry.</summary>
internal static class UriRedactor
{
    public static Uri Redact(Uri uri, IReadOnlySet<string> sensitiveQueryParameters)
    {
        if (!uri.IsAbsoluteUri)
        {
            return uri;
        }

        var query = uri.Query;
        var hasSensitiveQuery = query.Length > 1 && HasSensitive(query[1..], sensitiveQueryParameters);
        if (uri.UserInfo.Length == 0 && !hasSensitiveQuery)
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        if (hasSensitiveQuery)
        {
            builder.Query = RedactQuery(query[1..], sensitiveQueryParameters);
        }

        return builder.Uri;
    }

    /// <summary>Redacts a relative or absolute URI held as text (for <c>ToString()</c> of endpoints).</summary>
    public static string Redact(string uri, IReadOnlySet<string> sensitiveQueryParameters)
    {
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return uri;
        }

        var query = uri[(queryStart + 1)..];
        return HasSensitive(query, sensitiveQueryParameters)
            ? string.Concat(uri.AsSpan(0, queryStart + 1), RedactQuery(query, sensitiveQueryParameters))
            : uri;
    }

    /// <summary>Drops any user-info (<c>user:password@</c>) from an absolute URI held as text.</summary>
    public static string WithoutUserInfo(string uri)
    {
        var authority = uri.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return uri;
        }

        authority += 3;
        var at = uri.IndexOf('@', authority);
        var end = uri.AsSpan(authority).IndexOfAny('/', '?');
        return at < 0 || (end >= 0 && authority + end < at) ? uri : string.Concat(uri.AsSpan(0, authority), uri.AsSpan(at + 1));
    }

    private static bool HasSensitive(string query, IReadOnlySet<string> sensitive)
    {
        foreach (var pair in query.Split('&'))
        {
            if (IsSensitive(pair, sensitive, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static string RedactQuery(string query, IReadOnlySet<string> sensitive)
    {
        var builder = new StringBuilder(query.Length);
        foreach (var pair in query.Split('&'))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            if (IsSensitive(pair, sensitive, out var nameLength))
            {
                builder.Append(pair, 0, nameLength).Append('=').Append(ConnectorDefaults.RedactedValue);
            }
            else
            {
                builder.Append(pair);
            }
        }

        return builder.ToString();
    }

    private static bool IsSensitive(string pair, IReadOnlySet<string> sensitive, out int nameLength)
    {
        nameLength = pair.IndexOf('=', StringComparison.Ordinal);
        return nameLength > 0 && sensitive.Contains(Uri.UnescapeDataString(pair[..nameLength]));
    }
}
