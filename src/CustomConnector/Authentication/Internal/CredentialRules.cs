namespace CustomConnector.Internal;

/// <summary>
/// The rules a credential must meet to be sent the way its provider sends it: one place, used by the
/// providers' constructors and by configuration validation, so that a value refused on the first call
/// is refused at startup instead. Each method returns the rest of a sentence whose subject names the
/// value ("The bearer token …", "Connectors:X:Authentication:Token …"), never quoting the value,
/// or <see langword="null"/> when the value is fine.
/// </summary>
internal static class CredentialRules
{
    /// <summary>The header the Basic, Bearer and OAuth2 providers own.</summary>
    public static readonly string[] AuthorizationHeader = ["Authorization"];

    public static string? BearerTokenProblem(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "is empty. Pass the token the API issued.";
        }

        if (token.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) && token.Length > 6 && char.IsWhiteSpace(token[6]))
        {
            // "Bearer abc" copied from a request: the provider adds the scheme itself.
            return "starts with the scheme 'Bearer '. Give the bare token: the provider adds the 'Bearer ' prefix.";
        }

        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "contains whitespace or a control character. Pass the bare token, without the 'Bearer ' prefix or line breaks.";
            }

            if (c > '\u007E')
            {
                return "contains a non-ASCII character, which cannot be sent in the Authorization header. Check that the whole token was copied, and nothing else.";
            }
        }

        return null;
    }

    public static string? BasicUsernameProblem(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "is empty. Basic authentication needs a user-id.";
        }

        if (username.Contains(':', StringComparison.Ordinal))
        {
            return "contains a colon, which Basic authentication (RFC 7617) cannot carry: the server would split the user-id there.";
        }

        return TextProblem(username);
    }

    public static string? BasicPasswordProblem(string password) => TextProblem(password);

    public static string? ApiKeyNameProblem(string? name, ApiKeyLocation location)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is empty. Give the header or query parameter name the API expects, such as X-Api-Key or api_key.";
        }

        if (location == ApiKeyLocation.Header)
        {
            foreach (var c in name)
            {
                if (!HttpHeaderRules.IsTokenChar(c))
                {
                    return $"is not a valid HTTP header name: the character '{HttpHeaderRules.Printable(c)}' is not allowed. Header names are RFC 9110 tokens (letters, digits and !#$%&'*+-.^_`|~).";
                }
            }

            return null;
        }

        return TextProblem(name);
    }

    public static string? ApiKeyValueProblem(string? value, ApiKeyLocation location)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty. Give the key the API issued.";
        }

        return location == ApiKeyLocation.Header ? HttpHeaderRules.ValueProblem(value) : TextProblem(value);
    }

    /// <summary>Rules for text that is encoded before it is sent (Base64 or percent-encoding), where any Unicode text survives.</summary>
    private static string? TextProblem(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return "contains a control character (such as a line break), which is almost always a copy-and-paste mistake. Remove it.";
            }
        }

        if (ParameterFormatter.HasUnpairedSurrogate(value))
        {
            // UTF-8 encoding would silently turn it into U+FFFD and send a different credential.
            return "contains an unpaired UTF-16 surrogate, which cannot be encoded as UTF-8. Check how the value was read.";
        }

        return null;
    }
}
