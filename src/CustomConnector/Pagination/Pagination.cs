using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Creates the built-in pagination strategies for <see cref="IConnectorClient.PaginateAsync{T}(IConnectorEndpoint, IPaginationStrategy?, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}, CancellationToken)"/>.</summary>
/// <remarks>
/// Paths name a property anywhere in the body outside the data array, with dotted syntax:
/// <c>next</c>, <c>meta.next</c>, <c>paging.cursors.after</c>. Items always come from the
/// envelope's data array. When a page size is given, a page with fewer items is the last one.
/// Every strategy is immutable and may be shared by endpoints and concurrent enumerations.
/// </remarks>
public static class Pagination
{
    /// <summary>Gets the strategy that sends one request: its response is the only page.</summary>
    public static IPaginationStrategy None => NoPagination.Instance;

    /// <summary>Follows the next page's URI found at <paramref name="nextPath"/> in each response, a relative reference.</summary>
    /// <param name="nextPath">Where the link is, such as <c>next</c> or <c>links.next</c>; a missing, null or empty value ends paging.</param>
    /// <param name="baseUri">An absolute URI that relative links are appended to (its whole path kept), or <see langword="null"/> to resolve them against the URI of the page they came from, as browsers do.</param>
    /// <param name="pageSizeParameter">The query parameter that asks for <paramref name="pageSize"/> items per page, sent on every request; or <see langword="null"/>.</param>
    /// <param name="pageSize">The page size: a page with fewer items is the last. <see langword="null"/> when unknown.</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">A path or parameter name is empty, <paramref name="baseUri"/> is not an absolute http(s) URI, or <paramref name="pageSizeParameter"/> is given without <paramref name="pageSize"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public static IPaginationStrategy RelativePath(string nextPath, Uri? baseUri = null, string? pageSizeParameter = null, int? pageSize = null, PaginationOptions? options = null)
    {
        JsonPath.Validate(nextPath, nameof(nextPath));
        if (baseUri is not null && (!baseUri.IsAbsoluteUri || !UriJoiner.IsAbsoluteHttp(baseUri.OriginalString)))
        {
            throw new ArgumentException($"The base URI '{baseUri}' must be an absolute http(s) URI, such as https://api.example.com/v1/.", nameof(baseUri));
        }

        return new RelativePathPagination(nextPath, baseUri, CreatePageSize(pageSizeParameter, pageSize), options);
    }

    /// <summary>Follows the next page's absolute URI found at <paramref name="nextPath"/> in each response.</summary>
    /// <param name="nextPath">Where the link is, such as <c>meta.next</c>; a missing, null or empty value ends paging. A value that is not an absolute http(s) URI fails with <see cref="ConnectorResponseFormatException"/>.</param>
    /// <param name="pageSizeParameter">The query parameter that asks for <paramref name="pageSize"/> items per page, sent on every request; or <see langword="null"/>.</param>
    /// <param name="pageSize">The page size: a page with fewer items is the last. <see langword="null"/> when unknown.</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">A path or parameter name is empty, or <paramref name="pageSizeParameter"/> is given without <paramref name="pageSize"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public static IPaginationStrategy FullPath(string nextPath, string? pageSizeParameter = null, int? pageSize = null, PaginationOptions? options = null)
    {
        JsonPath.Validate(nextPath, nameof(nextPath));
        return new FullPathPagination(nextPath, CreatePageSize(pageSizeParameter, pageSize), options);
    }

    /// <summary>Sends page numbers counting up from <paramref name="firstPage"/> in <paramref name="pageParameter"/>.</summary>
    /// <param name="pageParameter">The query parameter for the page number, such as <c>page</c>.</param>
    /// <param name="firstPage">The number of the first page (usually 1, sometimes 0).</param>
    /// <param name="pageSizeParameter">The query parameter that asks for <paramref name="pageSize"/> items per page, sent on every request; or <see langword="null"/>.</param>
    /// <param name="pageSize">The page size: a page with fewer items is the last. <see langword="null"/> when unknown.</param>
    /// <param name="totalPagesPath">Where the body gives the total page count, such as <c>meta.totalPages</c>; paging stops when that many pages were read. <see langword="null"/> when it gives none.</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">A path or parameter name is empty, or <paramref name="pageSizeParameter"/> is given without <paramref name="pageSize"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstPage"/> is negative, or <paramref name="pageSize"/> is less than 1.</exception>
    public static IPaginationStrategy PageNumber(string pageParameter, int firstPage = 1, string? pageSizeParameter = null, int? pageSize = null, string? totalPagesPath = null, PaginationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pageParameter);
        ArgumentOutOfRangeException.ThrowIfNegative(firstPage);
        ValidateOptionalPath(totalPagesPath, nameof(totalPagesPath));
        return new PageNumberPagination(pageParameter, firstPage, CreatePageSize(pageSizeParameter, pageSize), totalPagesPath, options);
    }

    /// <summary>Sends offsets counting up from 0 in <paramref name="offsetParameter"/>, and <paramref name="limit"/> in <paramref name="limitParameter"/>.</summary>
    /// <param name="offsetParameter">The query parameter for the offset, such as <c>offset</c> or <c>skip</c>.</param>
    /// <param name="limitParameter">The query parameter for the page size, such as <c>limit</c> or <c>take</c>.</param>
    /// <param name="limit">The page size: a page with fewer items is the last.</param>
    /// <param name="totalPath">Where the body gives the total record count, such as <c>meta.total</c>; paging stops when that many were read. <see langword="null"/> when it gives none.</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">A path or parameter name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    public static IPaginationStrategy Offset(string offsetParameter, string limitParameter, int limit, string? totalPath = null, PaginationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offsetParameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(limitParameter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ValidateOptionalPath(totalPath, nameof(totalPath));
        return new OffsetPagination(offsetParameter, limitParameter, limit, totalPath, options);
    }

    /// <summary>Sends the cursor found at <paramref name="cursorPath"/> in each response as <paramref name="cursorParameter"/> of the next request.</summary>
    /// <param name="cursorPath">Where the cursor is, such as <c>paging.cursors.after</c>; a missing, null or empty value ends paging.</param>
    /// <param name="cursorParameter">The query parameter that carries the cursor, such as <c>after</c>.</param>
    /// <param name="pageSizeParameter">The query parameter that asks for <paramref name="pageSize"/> items per page, sent on every request; or <see langword="null"/>.</param>
    /// <param name="pageSize">The page size: a page with fewer items is the last. <see langword="null"/> when unknown (or when the API may send short pages before the end).</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException">A path or parameter name is empty, or <paramref name="pageSizeParameter"/> is given without <paramref name="pageSize"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public static IPaginationStrategy Cursor(string cursorPath, string cursorParameter, string? pageSizeParameter = null, int? pageSize = null, PaginationOptions? options = null)
    {
        JsonPath.Validate(cursorPath, nameof(cursorPath));
        ArgumentException.ThrowIfNullOrWhiteSpace(cursorParameter);
        return new CursorPagination(cursorPath, cursorParameter, CreatePageSize(pageSizeParameter, pageSize), options);
    }

    /// <summary>Follows the RFC 8288 <c>Link</c> response header's <c>rel="next"</c> link, as GitHub-style APIs send it.</summary>
    /// <param name="pageSizeParameter">The query parameter that asks for <paramref name="pageSize"/> items per page, sent on every request; or <see langword="null"/>.</param>
    /// <param name="pageSize">The page size: a page with fewer items is the last. <see langword="null"/> when unknown.</param>
    /// <param name="options">Limits and link policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentException"><paramref name="pageSizeParameter"/> is empty, or given without <paramref name="pageSize"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is less than 1.</exception>
    public static IPaginationStrategy LinkHeader(string? pageSizeParameter = null, int? pageSize = null, PaginationOptions? options = null) =>
        new LinkHeaderPagination(CreatePageSize(pageSizeParameter, pageSize), options);

    private static PageSize CreatePageSize(string? pageSizeParameter, int? pageSize)
    {
        if (pageSizeParameter is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(pageSizeParameter);
            if (pageSize is null)
            {
                throw new ArgumentException($"The page size parameter '{pageSizeParameter}' needs a page size to send; pass pageSize as well.", nameof(pageSize));
            }
        }

        if (pageSize is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(pageSize));
        }

        return new PageSize(pageSizeParameter, pageSize);
    }

    private static void ValidateOptionalPath(string? path, string paramName)
    {
        if (path is not null)
        {
            JsonPath.Validate(path, paramName);
        }
    }
}
