namespace CustomConnector.Internal;

/// <summary>Follows an absolute link to the next page held in the body.</summary>
internal sealed class FullPathPagination(string nextPath, PageSize pageSize, PaginationOptions? options) : IPaginationStrategy, IFirstPageCheck
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => pageSize.FirstRequest();

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (pageSize.IsShort(page) || page.GetString(nextPath) is not { } next || string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        if (!UriJoiner.IsAbsoluteHttp(next.Trim()) || !Uri.TryCreate(next.Trim(), UriKind.Absolute, out _))
        {
            var redaction = page.Redaction;
            var shown = redaction.Redact(next);
            throw new ConnectorResponseFormatException(
                $"Page {page.PageNumber} of {redaction.Redact(page.RequestUri)} has '{shown}' at '{nextPath}', which is not an absolute http(s) URI. Use Pagination.RelativePath for APIs that send relative links.");
        }

        return pageSize.Apply(PageRequest.FromLink(next));
    }

    public PathProblem? CheckFirstPage(ConnectorPage firstPage) => PathProblem.ParentRequired(firstPage, nextPath, nameof(nextPath), pageSize);

    public override string ToString() => $"FullPath({nextPath}{pageSize})";
}
