namespace CustomConnector.Internal;

/// <summary>Sends the cursor the last page gave (at a path in its body) as a query parameter; stops when there is none.</summary>
internal sealed class CursorPagination(string cursorPath, string cursorParameter, PageSize pageSize, PaginationOptions? options) : IPaginationStrategy, IFirstPageCheck
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => pageSize.FirstRequest();

    public PageRequest? GetNextRequest(ConnectorPage page) =>
        pageSize.IsShort(page) || page.GetString(cursorPath) is not { Length: > 0 } cursor
            ? null
            : PageRequest.FromQuery(cursorParameter, cursor);

    public PathProblem? CheckFirstPage(ConnectorPage firstPage) => PathProblem.ParentRequired(firstPage, cursorPath, nameof(cursorPath), pageSize);

    public override string ToString() => $"Cursor({cursorPath} -> {cursorParameter}{pageSize})";
}
