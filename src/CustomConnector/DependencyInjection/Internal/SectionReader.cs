using Microsoft.Extensions.Configuration;

namespace CustomConnector.Internal;

/// <summary>
/// Reads one configuration section and remembers which keys were asked for, so that a key nobody
/// reads (a typo such as <c>BaseAdress</c>) is reported with its path and the nearest known key
/// instead of being ignored.
/// </summary>
internal sealed class SectionReader(IConfiguration section, string path)
{
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    public string Path { get; } = path;

    public IConfiguration Section { get; } = section;

    /// <summary>Gets a value, marking <paramref name="key"/> as a known setting.</summary>
    public string? this[string key]
    {
        get
        {
            _known.Add(key);
            return Section[key];
        }
    }

    /// <summary>Gets a child section, marking <paramref name="key"/> as a known setting.</summary>
    public IConfigurationSection GetSection(string key)
    {
        _known.Add(key);
        return Section.GetSection(key);
    }

    /// <summary>Adds an error for every child key that was never read.</summary>
    public void ReportUnknownKeys(List<string> errors)
    {
        foreach (var child in Section.GetChildren())
        {
            if (!_known.Contains(child.Key))
            {
                errors.Add(UnknownKeyMessage($"{Path}:{child.Key}", child.Key, _known));
            }
        }
    }

    internal static string UnknownKeyMessage(string path, string key, IEnumerable<string> known)
    {
        string? nearest = null;
        var best = int.MaxValue;
        var bestPrefix = 0;
        foreach (var candidate in known)
        {
            // Ties go to the longer shared start (MaxRetry: MaxRetries, not MaxDelay), then to the first by name.
            var distance = Distance(key, candidate);
            var prefix = CommonPrefix(key, candidate);
            if (distance < best || (distance == best && (prefix > bestPrefix || (prefix == bestPrefix && string.CompareOrdinal(candidate, nearest) < 0))))
            {
                best = distance;
                bestPrefix = prefix;
                nearest = candidate;
            }
        }

        // A suggestion only when it is plausibly the same word: at most a third of it differs.
        return nearest is not null && best <= Math.Max(2, nearest.Length / 3)
            ? $"{path} is not a known setting; did you mean {nearest}?"
            : $"{path} is not a known setting. Known settings here: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && char.ToUpperInvariant(a[length]) == char.ToUpperInvariant(b[length]))
        {
            length++;
        }

        return length;
    }

    /// <summary>The Levenshtein distance, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
