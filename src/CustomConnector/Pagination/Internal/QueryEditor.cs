using System.Text;

namespace CustomConnector.Internal;

/// <summary>Sets or removes query parameters on an absolute URI, keeping every other parameter as it was written.</summary>
internal static class QueryEditor
{
    public static Uri Set(Uri uri, IReadOnlyList<KeyValuePair<string, string?>> parameters)
    {
        if (parameters.Count == 0)
        {
            return uri;
        }

        var query = new StringBuilder(uri.Query.Length + 32);
        if (uri.Query.Length > 1)
        {
            foreach (var pair in uri.Query[1..].Split('&'))
            {
                if (pair.Length > 0 && !IsSet(pair, parameters))
                {
                    Append(query, pair);
                }
            }
        }

        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                Append(query, string.Concat(Uri.EscapeDataString(name), "=", Uri.EscapeDataString(value)));
            }
        }

        var text = string.Concat(uri.GetLeftPart(UriPartial.Path), query.Length == 0 ? string.Empty : "?", query.ToString(), uri.Fragment);
        return new Uri(text, UriKind.Absolute);
    }

    private static void Append(StringBuilder query, string pair)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(pair);
    }

    private static bool IsSet(string pair, IReadOnlyList<KeyValuePair<string, string?>> parameters)
    {
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString((separator < 0 ? pair : pair[..separator]).Replace('+', ' '));
        foreach (var parameter in parameters)
        {
            if (string.Equals(parameter.Key, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
