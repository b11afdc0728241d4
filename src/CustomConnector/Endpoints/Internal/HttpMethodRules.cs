namespace CustomConnector.Internal;

/// <summary>What RFC 9110 says of each method, in one place.</summary>
internal static class HttpMethodRules
{
    /// <summary>
    /// Whether the method is idempotent by RFC 9110 section 9.2.2 (GET, HEAD, OPTIONS, TRACE, PUT and DELETE):
    /// sending it twice has the same intended effect as once, so a failed attempt may be repeated.
    /// POST and PATCH are not.
    /// </summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get
        || method == HttpMethod.Head
        || method == HttpMethod.Put
        || method == HttpMethod.Delete
        || method == HttpMethod.Options
        || method == HttpMethod.Trace;
}
