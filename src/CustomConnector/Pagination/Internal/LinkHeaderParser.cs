namespace CustomConnector.Internal;

/// <summary>
/// Reads RFC 8288 <c>Link</c> headers: <c>&lt;uri&gt;; rel="next"; title="a, b", &lt;uri&gt;; rel=last</c>.
/// Links may share one header or come in several; a <c>rel</c> may list several relation types;
/// parameter values may be tokens or quoted strings with commas, semicolons and escapes in them.
/// </summary>
internal static class LinkHeaderParser
{
    /// <summary>Returns the target of the first link whose <c>rel</c> includes <paramref name="relation"/>, or <see langword="null"/>.</summary>
    public static string? Find(IEnumerable<string> headerValues, string relation)
    {
        foreach (var value in headerValues)
        {
            if (Find(value, relation) is { } target)
            {
                return target;
            }
        }

        return null;
    }

    public static string? Find(string header, string relation)
    {
        var i = 0;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ',' || IsWhitespace(header[i])))
            {
                i++;
            }

            if (i >= header.Length)
            {
                break;
            }

            if (header[i] != '<')
            {
                // Not a link-value: skip to the next one.
                i = SkipToDelimiter(header, i, stopAtSemicolon: false);
                continue;
            }

            var end = header.IndexOf('>', i + 1);
            if (end < 0)
            {
                return null;
            }

            var target = header.Substring(i + 1, end - i - 1).Trim();
            i = end + 1;
            var matches = false;
            var relSeen = false;
            while (true)
            {
                i = SkipWhitespace(header, i);
                if (i >= header.Length || header[i] == ',')
                {
                    break;
                }

                if (header[i] != ';')
                {
                    i = SkipToDelimiter(header, i, stopAtSemicolon: true);
                    continue;
                }

                i = SkipWhitespace(header, i + 1);
                var nameStart = i;
                while (i < header.Length && header[i] is not ('=' or ';' or ',') && !IsWhitespace(header[i]))
                {
                    i++;
                }

                var name = header.AsSpan(nameStart, i - nameStart);
                i = SkipWhitespace(header, i);
                string? value = null;
                if (i < header.Length && header[i] == '=')
                {
                    i = SkipWhitespace(header, i + 1);
                    value = ReadValue(header, ref i);
                }

                // RFC 8288 section 3.3: only the first rel parameter counts.
                if (!relSeen && name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    relSeen = true;
                    matches = value is not null && HasRelation(value, relation);
                }
            }

            if (matches && target.Length > 0)
            {
                return target;
            }
        }

        return null;
    }

    private static bool HasRelation(string relations, string relation)
    {
        foreach (var candidate in relations.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.Equals(relation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string ReadValue(string header, ref int i)
    {
        if (i < header.Length && header[i] == '"')
        {
            var value = new System.Text.StringBuilder();
            i++;
            while (i < header.Length && header[i] != '"')
            {
                if (header[i] == '\\' && i + 1 < header.Length)
                {
                    i++;
                }

                value.Append(header[i]);
                i++;
            }

            i++; // the closing quote, or past the end of a malformed value
            return value.ToString();
        }

        var start = i;
        while (i < header.Length && header[i] is not (';' or ',') && !IsWhitespace(header[i]))
        {
            i++;
        }

        return header[start..i];
    }

    /// <summary>Advances to the next top-level ',' (or ';'), stepping over quoted strings and bracketed targets.</summary>
    private static int SkipToDelimiter(string header, int i, bool stopAtSemicolon)
    {
        while (i < header.Length)
        {
            var c = header[i];
            if (c == ',' || (stopAtSemicolon && c == ';'))
            {
                return i;
            }

            if (c == '"')
            {
                i++;
                while (i < header.Length && header[i] != '"')
                {
                    i += header[i] == '\\' ? 2 : 1;
                }
            }
            else if (c == '<')
            {
                var end = header.IndexOf('>', i + 1);
                i = end < 0 ? header.Length : end;
            }

            i++;
        }

        return header.Length;
    }

    private static int SkipWhitespace(string header, int i)
    {
        while (i < header.Length && IsWhitespace(header[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t';
}
