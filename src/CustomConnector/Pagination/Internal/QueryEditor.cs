using System.Globalization;
using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>Sets or removes query parameters on an absolute URI, keeping every other parameter as it was written.</summary>
/// <remarks>
/// Runs once per page of a walk, so it works on spans of the URI's cached <see cref="Uri.AbsoluteUri"/>
/// and writes into a stack buffer: the new URI's text is the one string it allocates.
/// </remarks>
internal static class QueryEditor
{
    public static Uri Set(Uri uri, IReadOnlyList<KeyValuePair<string, string?>> parameters)
    {
        if (parameters.Count == 0)
        {
            return uri;
        }

        var absolute = uri.AbsoluteUri.AsSpan();
        var hash = absolute.IndexOf('#');
        var fragment = hash < 0 ? default : absolute[hash..];
        var beforeFragment = hash < 0 ? absolute : absolute[..hash];
        var question = beforeFragment.IndexOf('?');
        var path = question < 0 ? beforeFragment : beforeFragment[..question];
        var query = question < 0 ? default : beforeFragment[(question + 1)..];
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        text.AppendFormatted(path);
        var separator = '?';
        while (!query.IsEmpty)
        {
            var end = query.IndexOf('&');
            var pair = end < 0 ? query : query[..end];
            query = end < 0 ? default : query[(end + 1)..];
            if (pair.Length > 0 && !IsSet(pair, parameters))
            {
                text.AppendFormatted(separator);
                text.AppendFormatted(pair);
                separator = '&';
            }
        }

        // Indexed, not foreach: enumerating an IReadOnlyList allocates an enumerator, and this runs per page.
        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, value) = parameters[i];
            if (value is not null)
            {
                text.AppendFormatted(separator);
                text.AppendFormatted(Uri.EscapeDataString(name));
                text.AppendFormatted('=');
                text.AppendFormatted(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        text.AppendFormatted(fragment);
        return new Uri(text.ToStringAndClear(), UriKind.Absolute);
    }

    private static bool IsSet(ReadOnlySpan<char> pair, IReadOnlyList<KeyValuePair<string, string?>> parameters)
    {
        var separator = pair.IndexOf('=');
        var written = separator < 0 ? pair : pair[..separator];

        // A name written with escapes or '+' is compared unescaped; a plain one (the usual case) as it stands.
        var name = written.IndexOfAny('%', '+') < 0 ? written : Uri.UnescapeDataString(written.ToString().Replace('+', ' ')).AsSpan();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (name.SequenceEqual(parameters[i].Key))
            {
                return true;
            }
        }

        return false;
    }
}
