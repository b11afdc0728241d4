namespace CustomConnector.Internal;

/// <summary>
/// The request URLs one enumeration has sent, to tell a loop (a next link or cursor seen before)
/// from progress. Kept as 64-bit hashes so that memory stays small however long the walk.
/// </summary>
internal sealed class VisitedPages
{
    private readonly HashSet<ulong> _hashes = [];

    /// <summary>Records <paramref name="uri"/>; returns <see langword="false"/> when it was requested before.</summary>
    public bool Add(Uri uri) => _hashes.Add(Hash(uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)));

    /// <summary>FNV-1a over the UTF-16 code units: stable, and collisions are negligible for the pages one walk may visit.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
