namespace CustomConnector.Testing.Internal;

/// <summary>
/// A path template such as <c>wings/{id}</c>: literal segments match case-insensitively and each
/// <c>{name}</c> matches one non-empty segment. A template that starts with <c>/</c> matches the whole
/// path; one without matches the end of it, so that it works under any base address.
/// </summary>
internal sealed class RouteTemplate
{
    private readonly string[] _segments;
    private readonly bool _anchored;

    private RouteTemplate(string text, string[] segments, bool anchored)
    {
        Text = text;
        _segments = segments;
        _anchored = anchored;
    }

    public string Text { get; }

    public static RouteTemplate Parse(string template, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(template, parameterName);
        if (template.Contains('?', StringComparison.Ordinal) || template.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The route template '{template}' has a query or fragment; give the path only and check the query on the recorded request (FakeRequest.GetQuery).", parameterName);
        }

        if (Uri.TryCreate(template, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            template = Uri.UnescapeDataString(absolute.AbsolutePath);
        }

        var anchored = template.StartsWith('/');
        var segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (segment.Contains('{', StringComparison.Ordinal) || segment.Contains('}', StringComparison.Ordinal))
            {
                if (segment.Length < 3 || segment[0] != '{' || segment[^1] != '}' || segment.AsSpan(1, segment.Length - 2).ContainsAny('{', '}'))
                {
                    throw new ArgumentException($"The route template '{template}' has the segment '{segment}'; a placeholder is a whole segment such as '{{id}}'.", parameterName);
                }
            }
        }

        if (segments.Length == 0 && !anchored)
        {
            throw new ArgumentException("The route template is empty; give a path such as 'wings/{id}', or '/' for the root.", parameterName);
        }

        return new RouteTemplate(template, segments, anchored);
    }

    /// <summary>Matches the request's path (unescaped segments); fills the placeholders' values.</summary>
    public bool TryMatch(string[] pathSegments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (pathSegments.Length < _segments.Length || (_anchored && pathSegments.Length != _segments.Length))
        {
            return false;
        }

        var offset = pathSegments.Length - _segments.Length;
        for (var i = 0; i < _segments.Length; i++)
        {
            var pattern = _segments[i];
            var actual = pathSegments[offset + i];
            if (pattern[0] == '{')
            {
                values[pattern[1..^1]] = actual;
            }
            else if (!string.Equals(pattern, actual, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public static string[] SplitPath(Uri uri) =>
        Array.ConvertAll(uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries), Uri.UnescapeDataString);
}
