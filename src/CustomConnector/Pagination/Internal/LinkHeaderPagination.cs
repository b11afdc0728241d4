namespace CustomConnector.Internal;

/// <summary>Follows the RFC 8288 <c>Link: &lt;...&gt;; rel="next"</c> response header.</summary>
internal sealed class LinkHeaderPagination(PageSize pageSize, PaginationOptions? options) : IPaginationStrategy
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => pageSize.FirstRequest();

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (pageSize.IsShort(page) || !page.Headers.NonValidated.TryGetValues("Link", out var values))
        {
            return null;
        }

        return LinkHeaderParser.Find(values, "next") is { } next ? pageSize.Apply(PageRequest.FromLink(next)) : null;
    }

    public override string ToString() => $"LinkHeader({pageSize.ToString().TrimStart(',', ' ')})";
}
