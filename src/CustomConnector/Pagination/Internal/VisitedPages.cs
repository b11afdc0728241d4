namespace CustomConnector.Internal;

/// <summary>
/// The request URLs one enumeration has sent, to tell a loop (a next link or cursor seen before)
/// from progress. Kept as 64-bit hashes so that memory stays small however long the walk.
/// </summary>
internal sealed class VisitedPages
{
    private readonly HashSet<ulong> _hashes = [];

    /// <summary>Records <paramref name="uri"/>; returns <see langword="false"/> when it was requested before.</summary>
    public bool Add(Uri uri) => _hashes.Add(Hash(RequestUrl(uri)));

    /// <summary>
    /// The URI as a request names it (scheme, host, port, path, query): the span of its cached
    /// <see cref="Uri.AbsoluteUri"/> before the fragment, without allocating, unless it carries user info.
    /// </summary>
    private static ReadOnlySpan<char> RequestUrl(Uri uri)
    {
        var absolute = uri.AbsoluteUri.AsSpan();
        var hash = absolute.IndexOf('#');
        var url = hash < 0 ? absolute : absolute[..hash];
        var authorityStart = url.IndexOf("://".AsSpan());
        var authority = authorityStart < 0 ? url : url[(authorityStart + 3)..];
        var authorityEnd = authority.IndexOfAny('/', '?');
        return (authorityEnd < 0 ? authority : authority[..authorityEnd]).Contains('@')
            ? uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)
            : url;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable, and collisions are negligible for the pages one walk may visit.</summary>
    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
