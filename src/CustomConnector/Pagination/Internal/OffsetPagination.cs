using System.Globalization;

namespace CustomConnector.Internal;

/// <summary>Offset/limit paging from offset 0; stops at a short page or at the total record count the body gives.</summary>
internal sealed class OffsetPagination(string offsetParameter, string limitParameter, int limit, string? totalPath, PaginationOptions? options) : IPaginationStrategy, IFirstPageCheck
{
    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) =>
        PageRequest.FromQuery(offsetParameter, 0).WithQueryParameter(limitParameter, limit);

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (page.ItemCount < limit)
        {
            return null;
        }

        if (totalPath is not null && page.GetInt64(totalPath) is { } total && page.TotalItemCount >= total)
        {
            return null;
        }

        return PageRequest.FromQuery(offsetParameter, page.TotalItemCount);
    }

    public PathProblem? CheckFirstPage(ConnectorPage firstPage) => PathProblem.Required(firstPage, totalPath, nameof(totalPath));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Offset({offsetParameter}, {limitParameter}={limit}{(totalPath is null ? string.Empty : $", total at {totalPath}")})");
}
