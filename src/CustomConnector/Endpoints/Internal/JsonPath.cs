using System.Globalization;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Dotted paths into a page's body (<c>meta.next</c>, <c>links.0.href</c>): the first segment names a
/// top-level property, the rest walk into objects by name and into arrays by index.
/// </summary>
internal static class JsonPath
{
    public static void Validate(string path, string paramName)
    {
        if (!IsValid(path))
        {
            throw new ArgumentException($"The path '{path}' is not a dotted path such as 'next', 'meta.next' or 'paging.cursors.after': it is empty or has an empty segment.", paramName);
        }
    }

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        foreach (var segment in path.Split('.'))
        {
            if (segment.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryGet(Dictionary<string, JsonElement>? values, string path, out JsonElement value)
    {
        value = default;
        if (values is null)
        {
            return false;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (!values.TryGetValue(dot < 0 ? path : path[..dot], out var current))
        {
            return false;
        }

        while (dot >= 0)
        {
            var start = dot + 1;
            dot = path.IndexOf('.', start);
            var segment = dot < 0 ? path.AsSpan(start) : path.AsSpan(start, dot - start);
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(segment, out var property):
                    current = property;
                    break;
                case JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength():
                    current = current[index];
                    break;
                default:
                    return false;
            }
        }

        value = current;
        return true;
    }
}
