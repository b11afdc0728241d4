namespace CustomConnector.Internal;

/// <summary>
/// RFC 9110 header syntax checks, so bad names, header injection and values HttpClient would refuse
/// at send time fail early and clearly, at the call that supplied them.
/// </summary>
internal static class HttpHeaderRules
{
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
        "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    };

    public static void ValidateName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                throw new ArgumentException(
                    $"'{name}' is not a valid HTTP header name: the character '{Printable(c)}' is not allowed. Header names are RFC 9110 tokens (letters, digits and !#$%&'*+-.^_`|~).",
                    paramName);
            }
        }
    }

    public static void ValidateValue(string name, string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (ValueProblem(value) is { } problem)
        {
            // The value is not echoed: it may be a credential.
            throw new ArgumentException($"The value of header '{name}' {problem}", paramName);
        }
    }

    /// <summary>
    /// Describes why <paramref name="value"/> cannot be a header value, as the rest of a sentence that
    /// starts with its subject ("The value of header 'X' …"), without quoting it; <see langword="null"/> when it can.
    /// </summary>
    /// <remarks>
    /// SocketsHttpHandler writes CR, LF, NUL and other control characters to the wire as given (header
    /// injection), and refuses any character above U+007F only when the request is sent, with an
    /// <see cref="HttpRequestException"/> that looks like a network failure. HTAB and space are allowed.
    /// </remarks>
    public static string? ValueProblem(string value)
    {
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0')
            {
                return "contains a CR, LF or NUL character, which would allow header injection. Remove line breaks from the value.";
            }
        }

        foreach (var c in value)
        {
            if (c == '\t')
            {
                continue;
            }

            if (char.IsControl(c) && c < '\u0080')
            {
                return $"contains the control character {Printable(c)}, which HTTP header values do not allow (RFC 9110). Remove it from the value.";
            }

            if (c > '\u007E')
            {
                return "contains a non-ASCII character, which HttpClient refuses to send in a header. Encode the value first (for example percent-encoding or Base64), as the API expects.";
            }
        }

        return null;
    }

    /// <summary>True for the headers that .NET keeps on <see cref="HttpContent"/> rather than on the request.</summary>
    public static bool IsContentHeader(string name) => ContentHeaders.Contains(name);

    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>Names a character without echoing text around it: control characters as <c>\uXXXX</c>.</summary>
    public static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
