namespace CustomConnector.Internal;

/// <summary>
/// The one set of rules for a path parameter's value, shared by the builders' <c>WithPathParameter</c>
/// and <see cref="ConnectorEndpointTemplate"/>'s <c>Bind</c>: formatted with the invariant culture, then
/// percent-encoded as one path segment.
/// </summary>
internal static class PathParameterRules
{
    /// <summary>Checks and escapes the value of placeholder <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The value is null, a collection, empty, <c>.</c> or <c>..</c>, or holds an unpaired UTF-16 surrogate.</exception>
    public static string Escape(string name, object? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentException($"The value of path parameter '{name}' is null; a path segment needs a value.", paramName);
        }

        if (ParameterFormatter.IsCollection(value))
        {
            throw new ArgumentException($"The value of path parameter '{name}' is a collection; a path segment takes a single value.", paramName);
        }

        var text = ParameterFormatter.Format(value);
        if (ParameterFormatter.HasUnpairedSurrogate(text))
        {
            throw new ArgumentException($"The value of path parameter '{name}' contains an unpaired UTF-16 surrogate, which percent-encoding would replace with U+FFFD and so send another value. Pass well-formed text.", paramName);
        }

        if (text is "." or "..")
        {
            // The URI parser would collapse them as dot segments and change the path.
            throw new ArgumentException($"The value of path parameter '{name}' is '{text}', which would be read as a relative path step. Pass another value.", paramName);
        }

        if (text.Length == 0)
        {
            // "wings/{id}" would become "wings/": the collection, not one of its items.
            throw new ArgumentException($"The value of path parameter '{name}' is empty, which would drop a path segment and address another resource. Pass a non-empty value.", paramName);
        }

        return Uri.EscapeDataString(text);
    }

    /// <summary>The refusal of a placeholder name the template does not have, listing those it has.</summary>
    public static ArgumentException UnknownPlaceholder(UriTemplate template, string name, RedactionPolicy redaction, string paramName)
    {
        var known = template.Placeholders.Count == 0 ? "it has none" : $"it has {{{string.Join("}, {", template.Placeholders)}}}";
        return new ArgumentException($"The endpoint URI '{redaction.Redact(template.Text)}' has no placeholder '{{{name}}}' ({known}). Check the name, or add the placeholder to the URI.", paramName);
    }

    /// <summary>The refusal of an absolute URI that a placeholder value (in the host or port) made malformed.</summary>
    public static void ThrowIfMalformedAbsolute(UriTemplate template, string requestUri, string endpointName, string paramName)
    {
        if (template.IsAbsolute && !Uri.TryCreate(requestUri, UriKind.Absolute, out _))
        {
            // A placeholder in the host or port can take a value that is escaped but still not a valid host.
            throw new ArgumentException($"Endpoint '{endpointName}' expands to a URI that is not well formed. Check the values given to placeholders in the host or port.", paramName);
        }
    }
}
