namespace CustomConnector.Internal;

/// <summary>RFC 9110 header syntax checks, so bad names and header injection fail early and clearly.</summary>
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
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            // The value is not echoed: it may be a credential.
            throw new ArgumentException(
                $"The value of header '{name}' contains a CR, LF or NUL character, which would allow header injection. Remove line breaks from the value.",
                paramName);
        }
    }

    /// <summary>True for the headers that .NET keeps on <see cref="HttpContent"/> rather than on the request.</summary>
    public static bool IsContentHeader(string name) => ContentHeaders.Contains(name);

    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
