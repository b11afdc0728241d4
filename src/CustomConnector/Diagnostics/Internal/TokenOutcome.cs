namespace CustomConnector.Internal;

/// <summary>
/// The values of the <c>customconnector.token.outcome</c> tag: how one token request (metric) or one
/// token fetch, retries included (activity), ended. A fixed, small set, as metric tags must be.
/// </summary>
internal static class TokenOutcome
{
    /// <summary>A usable access token came back.</summary>
    public const string Success = "success";

    /// <summary>The token endpoint refused the client (OAuth error <c>invalid_client</c> and the like, or status 400 or 401).</summary>
    public const string Refused = "refused";

    /// <summary>The request ran out of time.</summary>
    public const string Timeout = "timeout";

    /// <summary>Any other failure: a 5xx, 408 or 429, an unreachable endpoint, a 2xx without a usable token.</summary>
    public const string Failed = "failed";

    /// <summary>Every call waiting for the token gave up, so the fetch was cancelled.</summary>
    public const string Cancelled = "cancelled";
}
