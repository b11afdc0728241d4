using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The <c>Pagination</c> section of an endpoint defined in configuration: a <see cref="Type"/> and
/// the fields that type uses, validated at startup (a field another type uses is an error).
/// </summary>
/// <example>
/// <code language="json">
/// "listWings": {
///   "Path": "wings",
///   "Pagination": { "Type": "PageNumber", "PageParameter": "page", "PageSizeParameter": "pageSize", "PageSize": 100, "TotalPagesPath": "meta.totalPages" }
/// }
/// </code>
/// </example>
public sealed class ConnectorPaginationOptions
{
    /// <summary>Gets or sets the strategy.</summary>
    /// <value>The default is <see cref="ConnectorPaginationType.None"/>.</value>
    public ConnectorPaginationType Type { get; set; }

    /// <summary>Gets or sets where the next link is in the body (<c>RelativePath</c>, <c>FullPath</c>), such as <c>meta.next</c>.</summary>
    public string? NextPath { get; set; }

    /// <summary>Gets or sets the absolute URI relative next links are appended to (<c>RelativePath</c>); when unset, they are resolved against the page's URI.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the page number's query parameter (<c>PageNumber</c>), such as <c>page</c>.</summary>
    public string? PageParameter { get; set; }

    /// <summary>Gets or sets the first page's number (<c>PageNumber</c>).</summary>
    /// <value>The default is 1.</value>
    public int FirstPage { get; set; } = ConnectorDefaults.FirstPage;

    /// <summary>Gets or sets the query parameter that asks for <see cref="PageSize"/> items (all types but <c>Offset</c>, which uses <see cref="LimitParameter"/>).</summary>
    public string? PageSizeParameter { get; set; }

    /// <summary>Gets or sets the page size: a page with fewer items is the last (all types but <c>Offset</c>, which uses <see cref="Limit"/>).</summary>
    public int? PageSize { get; set; }

    /// <summary>Gets or sets where the body gives the total page count (<c>PageNumber</c>), such as <c>meta.totalPages</c>.</summary>
    public string? TotalPagesPath { get; set; }

    /// <summary>Gets or sets the offset's query parameter (<c>Offset</c>), such as <c>offset</c>.</summary>
    public string? OffsetParameter { get; set; }

    /// <summary>Gets or sets the page size's query parameter (<c>Offset</c>), such as <c>limit</c>.</summary>
    public string? LimitParameter { get; set; }

    /// <summary>Gets or sets the page size (<c>Offset</c>).</summary>
    public int? Limit { get; set; }

    /// <summary>Gets or sets where the body gives the total record count (<c>Offset</c>), such as <c>meta.total</c>.</summary>
    public string? TotalPath { get; set; }

    /// <summary>Gets or sets where the cursor is in the body (<c>Cursor</c>), such as <c>paging.cursors.after</c>.</summary>
    public string? CursorPath { get; set; }

    /// <summary>Gets or sets the query parameter that sends the cursor back (<c>Cursor</c>), such as <c>after</c>.</summary>
    public string? CursorParameter { get; set; }

    /// <summary>
    /// Gets or sets the limits and link policy of an enumeration: <see cref="PaginationOptions.MaxPages"/>,
    /// <see cref="PaginationOptions.MaxItems"/> and <see cref="PaginationOptions.AllowCrossOriginLinks"/>.
    /// In configuration they sit directly under <c>Pagination</c> (<c>Pagination:MaxPages</c>, ...).
    /// </summary>
    /// <value>The default is 10,000 pages, no item limit, and no links to another origin.</value>
    public PaginationOptions Limits { get; set; } = PaginationOptions.Default;
}
