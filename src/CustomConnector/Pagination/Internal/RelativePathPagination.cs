namespace CustomConnector.Internal;

/// <summary>Follows a link to the next page held in the body, relative to the page's URI or to a given base URI.</summary>
internal sealed class RelativePathPagination(string nextPath, Uri? baseUri, PageSize pageSize, PaginationOptions? options) : IPaginationStrategy, IFirstPageCheck
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => pageSize.FirstRequest();

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (pageSize.IsShort(page) || page.GetString(nextPath) is not { } next || string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        if (baseUri is not null && !UriJoiner.IsAbsoluteHttp(next.Trim()))
        {
            // "Combine": the base's whole path is kept, as for endpoint URIs and the base address.
            next = UriJoiner.Join(baseUri.AbsoluteUri, next.Trim());
        }

        return pageSize.Apply(PageRequest.FromLink(next));
    }

    public PathProblem? CheckFirstPage(ConnectorPage firstPage) => PathProblem.ParentRequired(firstPage, nextPath, nameof(nextPath), pageSize);

    public override string ToString() => $"RelativePath({nextPath}{(baseUri is null ? string.Empty : $", base {RedactionPolicy.Default.Redact(baseUri)}")}{pageSize})";
}
