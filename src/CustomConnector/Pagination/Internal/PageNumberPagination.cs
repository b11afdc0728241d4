namespace CustomConnector.Internal;

/// <summary>Counts pages up from the first page number; stops at a short page or at the total page count the body gives.</summary>
internal sealed class PageNumberPagination(string pageParameter, int firstPage, PageSize pageSize, string? totalPagesPath, PaginationOptions? options) : IPaginationStrategy, IFirstPageCheck
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint)
    {
        var first = PageRequest.FromQuery(pageParameter, firstPage);
        return pageSize.Parameter is null ? first : first.WithQueryParameter(pageSize.Parameter, pageSize.Size);
    }

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (pageSize.IsShort(page))
        {
            return null;
        }

        if (totalPagesPath is not null && page.GetInt64(totalPagesPath) is { } totalPages && page.PageNumber >= totalPages)
        {
            return null;
        }

        return PageRequest.FromQuery(pageParameter, firstPage + page.PageNumber);
    }

    public PathProblem? CheckFirstPage(ConnectorPage firstPage) => PathProblem.Required(firstPage, totalPagesPath, nameof(totalPagesPath));

    public override string ToString() => $"PageNumber({pageParameter} from {firstPage}{pageSize}{(totalPagesPath is null ? string.Empty : $", total pages at {totalPagesPath}")})";
}
