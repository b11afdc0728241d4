namespace CustomConnector;

/// <summary>The pagination strategies an endpoint defined in configuration can use (see <see cref="Pagination"/>).</summary>
public enum ConnectorPaginationType
{
    /// <summary>One request: <see cref="Pagination.None"/>.</summary>
    None,

    /// <summary>A relative next link in the body: <c>NextPath</c>, optional <c>BaseUri</c>, <c>PageSizeParameter</c>, <c>PageSize</c>.</summary>
    RelativePath,

    /// <summary>An absolute next link in the body: <c>NextPath</c>, optional <c>PageSizeParameter</c>, <c>PageSize</c>.</summary>
    FullPath,

    /// <summary>Page numbers: <c>PageParameter</c>, optional <c>FirstPage</c>, <c>PageSizeParameter</c>, <c>PageSize</c>, <c>TotalPagesPath</c>.</summary>
    PageNumber,

    /// <summary>Offset and limit: <c>OffsetParameter</c>, <c>LimitParameter</c>, <c>Limit</c>, optional <c>TotalPath</c>.</summary>
    Offset,

    /// <summary>A cursor in the body sent back as a parameter: <c>CursorPath</c>, <c>CursorParameter</c>, optional <c>PageSizeParameter</c>, <c>PageSize</c>.</summary>
    Cursor,

    /// <summary>The RFC 8288 <c>Link: &lt;...&gt;; rel="next"</c> header: optional <c>PageSizeParameter</c>, <c>PageSize</c>.</summary>
    LinkHeader,
}
