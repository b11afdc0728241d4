using System.Collections.Concurrent;

namespace CustomConnector.Internal;

/// <summary>
/// The parsed templates behind <see cref="ConnectorEndpoint"/>'s builders, so that an endpoint built per
/// call (<c>ConnectorEndpoint.Get("wings/{id}")</c>) parses its URI once per process, not once per call.
/// </summary>
/// <remarks>
/// Bounded: a URI the caller builds with the values in it (<c>$"wings/{id}"</c>) is a new key on every
/// call, so when the cache holds <see cref="Capacity"/> templates it is emptied and refills with those
/// still in use; a template used on every call is parsed again at most once per <see cref="Capacity"/>
/// new keys. Thread-safe, and a template holds no values of any call (values live in the builder).
/// Only templates that parse are kept: a bad URI throws on every call, as before.
/// </remarks>
internal static class UriTemplateCache
{
    /// <summary>The most templates kept; past it the cache starts over.</summary>
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, UriTemplate> Templates = new(StringComparer.Ordinal);
    private static int _count;

    /// <summary>Gets the number of templates held; takes every lock of the dictionary, so for tests only.</summary>
    public static int Count => Templates.Count;

    /// <summary>Returns the parsed template of <paramref name="uri"/>, parsing it on first use.</summary>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is not a valid endpoint URI.</exception>
    public static UriTemplate Get(string uri, string paramName)
    {
        ArgumentNullException.ThrowIfNull(uri, paramName);
        if (Templates.TryGetValue(uri, out var template))
        {
            return template;
        }

        template = UriTemplate.Parse(uri, paramName);
        if (Templates.TryAdd(uri, template) && Interlocked.Increment(ref _count) > Capacity)
        {
            // Racing adders may push a few past Capacity before one clears: the bound is Capacity plus the threads adding.
            Templates.Clear();
            Volatile.Write(ref _count, 0);
        }

        return template;
    }
}
