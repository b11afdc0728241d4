namespace CustomConnector.Samples.Quickstart;

/// <summary>
/// A custom pagination strategy, shown in docs/pagination.md: an API that answers
/// <c>{"data": [...], "meta": {"hasMore": true, "continuation": "..."}}</c> and wants the token back
/// as <c>?from=</c>. Strategies hold no state, so one instance serves every enumeration.
/// </summary>
public sealed class ContinuationPagination : IPaginationStrategy
{
    // Optional: limits for enumerations that use this strategy (the defaults otherwise).
    public PaginationOptions? Options { get; } = new() { MaxPages = 500 };

    // Optional: what the first request adds; kept on every later request that is not a link.
    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => PageRequest.FromQuery("limit", 200);

    // Required: the next request, or null when this page was the last.
    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (page.GetString("meta.hasMore") != "true" || page.GetString("meta.continuation") is not { Length: > 0 } token)
        {
            return null;
        }

        return PageRequest.FromQuery("from", token);
    }
}
