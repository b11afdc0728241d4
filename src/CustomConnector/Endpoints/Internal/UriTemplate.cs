using System.Buffers;
using System.Text;

namespace CustomConnector.Internal;

/// <summary>
/// A parsed endpoint URI: literal text and <c>{name}</c> placeholders. Parsed once when the
/// builder is created so that a bad template or an unknown parameter fails at the call that caused it.
/// </summary>
/// <remarks>Immutable apart from its cached default names, so one instance serves every builder and thread (<see cref="UriTemplateCache"/>).</remarks>
internal sealed class UriTemplate
{
    private readonly string[] _literals;
    private readonly string[] _placeholders;
    private string? _getName;
    private string? _postName;

    private UriTemplate(string text, string[] literals, string[] placeholders, bool isAbsolute)
    {
        Text = text;
        _literals = literals;
        _placeholders = placeholders;
        IsAbsolute = isAbsolute;
    }

    public string Text { get; }

    public bool IsAbsolute { get; }

    public IReadOnlyList<string> Placeholders => _placeholders;

    public bool HasPlaceholder(string name) => Array.IndexOf(_placeholders, name) >= 0;

    public static UriTemplate Parse(string uri, string paramName)
    {
        ArgumentNullException.ThrowIfNull(uri, paramName);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new ArgumentException("The endpoint URI is empty. Pass an absolute http(s) URI or a path relative to the client's base address, such as \"wings/{id}\".", paramName);
        }

        if (HasUserInfo(uri))
        {
            // Checked first, so that no later message quotes the URI with its password.
            throw new ArgumentException(UserInfoMessage, paramName);
        }

        var literals = new List<string>();
        var placeholders = new List<string>();
        var literal = new StringBuilder();
        for (var i = 0; i < uri.Length; i++)
        {
            var c = uri[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' contains whitespace or a control character at position {i}. Percent-encode it, or pass the value through a {{placeholder}} and WithPathParameter.", paramName);
            }

            if (c == '\\')
            {
                // .NET reads it as '/', so "..\\" would become a dot segment and leave the base path.
                throw new ArgumentException($"The endpoint URI contains a backslash at position {i}, which URI parsers read as '/'. Percent-encode it as %5C, or pass the value through a {{placeholder}} and WithPathParameter.", paramName);
            }

            if (c == '#')
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' contains a fragment ('#'), which is never sent to the server. Remove it, or pass a literal '#' through a {{placeholder}} so that it is escaped.", paramName);
            }

            if (c == '}')
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' has a '}}' at position {i} without a matching '{{'.", paramName);
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = uri.IndexOf('}', i + 1);
            var nextOpen = uri.IndexOf('{', i + 1);
            if (end < 0 || (nextOpen >= 0 && nextOpen < end))
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' has a '{{' at position {i} without a matching '}}'.", paramName);
            }

            var name = uri.Substring(i + 1, end - i - 1);
            if (name.Length == 0 || !IsValidName(name))
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' has an invalid placeholder '{{{name}}}': names are letters, digits, '_', '-' or '.'.", paramName);
            }

            if (placeholders.Contains(name))
            {
                throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' uses the placeholder '{{{name}}}' twice; give each placeholder its own name.", paramName);
            }

            literals.Add(literal.ToString());
            literal.Clear();
            placeholders.Add(name);
            i = end;
        }

        literals.Add(literal.ToString());
        var isAbsolute = StartsWithScheme(uri);
        ThrowIfDotSegment(uri, isAbsolute, paramName);
        if (isAbsolute)
        {
            ValidateAbsolute(uri, literals, paramName);
        }

        return new UriTemplate(uri, [.. literals], [.. placeholders], isAbsolute);
    }

    /// <summary>Gets the index of placeholder <paramref name="name"/>, or -1 when the template has none of that name.</summary>
    public int IndexOf(string name) => Array.IndexOf(_placeholders, name);

    /// <summary>
    /// Gets the name an endpoint of this template gets when none is given: the method and the path,
    /// without the query, since the query or user info may hold credentials and the client's list of
    /// sensitive names is not known here. Computed once per template and method.
    /// </summary>
    public string DefaultName(HttpMethod method)
    {
        // Benign races: two threads may compute the same text; either result is right.
        if (method == HttpMethod.Get)
        {
            return _getName ??= ComputeDefaultName(method);
        }

        return method == HttpMethod.Post ? _postName ??= ComputeDefaultName(method) : ComputeDefaultName(method);
    }

    /// <summary>Fills every placeholder with its escaped value; lists all that are missing in one exception.</summary>
    /// <param name="escapedValues">The escaped value of each placeholder by index (<see langword="null"/> when not given), or <see langword="null"/> when none was given.</param>
    /// <param name="endpointName">The endpoint's name, for the message.</param>
    /// <param name="paramName">The argument to blame.</param>
    /// <param name="advice">What the caller should do about a missing value.</param>
    public string Expand(string?[]? escapedValues, string endpointName, string paramName, string advice)
    {
        if (_placeholders.Length == 0)
        {
            return Text;
        }

        var length = 0;
        List<string>? missing = null;
        for (var i = 0; i < _placeholders.Length; i++)
        {
            if (escapedValues?[i] is { } value)
            {
                length += _literals[i].Length + value.Length;
            }
            else
            {
                (missing ??= []).Add(_placeholders[i]);
            }
        }

        if (missing is not null)
        {
            throw new ArgumentException(
                $"Endpoint '{endpointName}' has unfilled placeholders: {{{string.Join("}, {", missing)}}}. {advice}",
                paramName);
        }

        length += _literals[^1].Length;
        return string.Create(length, (Literals: _literals, Values: escapedValues!), static (span, state) =>
        {
            var position = 0;
            for (var i = 0; i < state.Values.Length; i++)
            {
                state.Literals[i].AsSpan().CopyTo(span[position..]);
                position += state.Literals[i].Length;
                state.Values[i].AsSpan().CopyTo(span[position..]);
                position += state.Values[i]!.Length;
            }

            state.Literals[^1].AsSpan().CopyTo(span[position..]);
        });
    }

    /// <summary>
    /// Fills every placeholder from <paramref name="fixedValues"/>, except those at <paramref name="index1"/>
    /// and <paramref name="index2"/> (-1 for none), which take <paramref name="value1"/> and <paramref name="value2"/>:
    /// the per-call binding of a template, with one string allocated and no array.
    /// </summary>
    /// <remarks>The caller has checked that every placeholder has a value.</remarks>
    public string Expand(string?[]? fixedValues, int index1, string? value1, int index2, string? value2)
    {
        var length = _literals[^1].Length;
        for (var i = 0; i < _placeholders.Length; i++)
        {
            length += _literals[i].Length + ValueAt(i, fixedValues, index1, value1, index2, value2).Length;
        }

        // A buffer from the stack for the usual short URI, from the pool for a long one.
        char[]? rented = null;
        var buffer = length <= 512 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        var position = 0;
        for (var i = 0; i < _placeholders.Length; i++)
        {
            _literals[i].AsSpan().CopyTo(buffer[position..]);
            position += _literals[i].Length;
            var value = ValueAt(i, fixedValues, index1, value1, index2, value2);
            value.AsSpan().CopyTo(buffer[position..]);
            position += value.Length;
        }

        _literals[^1].AsSpan().CopyTo(buffer[position..]);
        var text = new string(buffer);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return text;

        static string ValueAt(int i, string?[]? fixedValues, int index1, string? value1, int index2, string? value2) =>
            i == index1 ? value1! : i == index2 ? value2! : fixedValues![i]!;
    }

    /// <summary>The refusal of an endpoint URI with user info; it never quotes the URI, which holds the password.</summary>
    public const string UserInfoMessage = "The endpoint URI carries user info (user:password@ before the host), which would leave a credential in the URI where logs and messages could show it. Remove it and authenticate with BasicAuthenticationProvider (or another provider) instead.";

    /// <summary>
    /// True when an absolute URI has an '@' in its authority (between "scheme://" and the first '/', '\', '?' or '#'),
    /// placeholders included: <c>https://{user}@host/</c> is user info too.
    /// </summary>
    public static bool HasUserInfo(string uri)
    {
        if (!StartsWithScheme(uri))
        {
            return false;
        }

        var authority = uri.AsSpan(uri.IndexOf("://", StringComparison.Ordinal) + 3);
        var end = authority.IndexOfAny("/\\?#");
        return (end < 0 ? authority : authority[..end]).Contains('@');
    }

    /// <summary>
    /// True when the URI opens with "scheme://" (RFC 3986 scheme characters). A "://" further on,
    /// such as a URL in the query of a relative path, does not make the URI absolute.
    /// </summary>
    private static bool StartsWithScheme(string uri)
    {
        var end = uri.IndexOf("://", StringComparison.Ordinal);
        if (end <= 0 || !char.IsAsciiLetter(uri[0]))
        {
            return false;
        }

        foreach (var c in uri.AsSpan(1, end - 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Refuses a literal "." or ".." path segment (also percent-encoded, which .NET decodes): the URI
    /// parser would remove it and send the request to another path, for a relative URI one outside the
    /// base address's path. Segments with a placeholder are safe: a value is never ".", ".." or empty.
    /// </summary>
    private static void ThrowIfDotSegment(string uri, bool isAbsolute, string paramName)
    {
        var path = uri.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        var offset = 0;
        if (isAbsolute)
        {
            var authority = uri.IndexOf("://", StringComparison.Ordinal) + 3;
            var pathStart = path[authority..].IndexOf('/');
            if (pathStart < 0)
            {
                return;
            }

            offset = authority + pathStart;
        }

        // Span.Split is .NET 9+: walk the segments by hand for net8.0.
        for (var start = offset; start <= path.Length;)
        {
            var length = path[start..].IndexOf('/');
            var end = length < 0 ? path.Length : start + length;
            var segment = path[start..end];
            if (segment.IndexOf('{') < 0 && IsDotSegment(segment))
            {
                throw new ArgumentException($"The endpoint URI has a '.' or '..' path segment at position {start}, which would send the request to another path{(isAbsolute ? string.Empty : ", outside the base address's path")}. Remove it, or write the path it leads to.", paramName);
            }

            start = end + 1;
        }
    }

    private static bool IsDotSegment(ReadOnlySpan<char> segment)
    {
        var dots = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '.')
            {
                dots++;
            }
            else if (segment[i] == '%' && i + 2 < segment.Length && segment[i + 1] == '2' && segment[i + 2] is 'e' or 'E')
            {
                dots++;
                i += 2;
            }
            else
            {
                return false;
            }
        }

        return dots is 1 or 2;
    }

    private string ComputeDefaultName(HttpMethod method)
    {
        var query = Text.IndexOf('?', StringComparison.Ordinal);
        return $"{method.Method} {RedactionPolicy.Default.Redact(query < 0 ? Text : Text[..query])}";
    }

    private static bool IsValidName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateAbsolute(string uri, List<string> literals, string paramName)
    {
        var isHttp = uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!isHttp)
        {
            throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' is absolute but not http or https. Use an http(s) URI or a path relative to the base address.", paramName);
        }

        // Placeholders stand in for one escaped value; any letter checks the rest is well formed.
        var probe = string.Join("x", literals);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.Redact(uri)}' is not a well-formed absolute URI.", paramName);
        }
    }
}
