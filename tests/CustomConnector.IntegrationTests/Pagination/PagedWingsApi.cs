using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// A paged API of wings <c>0..total-1</c> on a <see cref="LoopbackServer"/>, in each paging style,
/// the way real servers do it: the page size comes from the query (20 when it is missing, so a
/// client that forgets to send it reads the wrong pages), and a next link or cursor comes with every
/// full page, so that a data set filling its last page exactly costs one more, empty, page.
/// </summary>
internal static class PagedWingsApi
{
    public const int PageSize = 100;

    private const int ServerDefaultPageSize = 20;

    /// <summary>
    /// Serves <paramref name="total"/> wings at a fresh path, paged as <paramref name="style"/> says, and
    /// returns the path. <paramref name="totalPagesOverride"/>, when set, is the page count the body claims instead of the real one.
    /// </summary>
    public static string Map(LoopbackServer server, PagingStyle style, int total, int? totalPagesOverride = null)
    {
        var path = server.NewPrefix() + "/wings";
        server.Map(path, context => ServeAsync(context, server, path, style, total, totalPagesOverride));
        return path;
    }

    public static IPaginationStrategy Strategy(PagingStyle style, PaginationOptions? options = null) => style switch
    {
        PagingStyle.RelativePath => Pagination.RelativePath("links.next", pageSizeParameter: "pageSize", pageSize: PageSize, options: options),
        PagingStyle.FullPath => Pagination.FullPath("meta.next", "pageSize", PageSize, options),
        PagingStyle.PageNumber => Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: PageSize, options: options),
        PagingStyle.PageNumberWithTotal => Pagination.PageNumber("page", 1, "pageSize", PageSize, "meta.totalPages", options),
        PagingStyle.Offset => Pagination.Offset("offset", "limit", PageSize, options: options),
        PagingStyle.OffsetWithTotal => Pagination.Offset("offset", "limit", PageSize, "meta.total", options),
        PagingStyle.Cursor => Pagination.Cursor("paging.cursors.after", "after", "pageSize", PageSize, options),
        PagingStyle.LinkHeader => Pagination.LinkHeader("pageSize", PageSize, options),
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    /// <summary>Gets the query parameter that carries the page size in <paramref name="style"/>.</summary>
    public static string PageSizeParameter(PagingStyle style) => style is PagingStyle.Offset or PagingStyle.OffsetWithTotal ? "limit" : "pageSize";

    public static bool HasTotal(PagingStyle style) => style is PagingStyle.PageNumberWithTotal or PagingStyle.OffsetWithTotal;

    private static async Task ServeAsync(HttpContext context, LoopbackServer server, string path, PagingStyle style, int total, int? totalPagesOverride)
    {
        var query = context.Request.Query;
        var size = Int(query[PageSizeParameter(style)], ServerDefaultPageSize);
        var start = style switch
        {
            PagingStyle.Offset or PagingStyle.OffsetWithTotal => Int(query["offset"], 0),
            PagingStyle.Cursor => query["after"].ToString() is { Length: > 4 } cursor ? int.Parse(cursor.AsSpan(4), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0,
            _ => (Int(query["page"], 1) - 1) * size,
        };
        var count = Math.Clamp(total - start, 0, size);
        var hasNext = count == size;
        var page = (start / size) + 1;
        var nextQuery = $"?page={page + 1}&pageSize={size}";
        var json = new StringBuilder("{");
        switch (style)
        {
            case PagingStyle.RelativePath:
                // Before the data: the reader must find values wherever they are.
                json.Append("\"links\": {\"next\": ").Append(hasNext ? $"\"{path}{nextQuery}\"" : "null").Append("}, ");
                break;
            case PagingStyle.LinkHeader when hasNext:
                context.Response.Headers.Append("Link", $"<{server.Url(path + nextQuery)}>; rel=\"next\"; title=\"next, please\", <{server.Url(path)}?page=99>; rel=\"last\"");
                break;
        }

        json.Append("\"data\": [");
        for (var id = start; id < start + count; id++)
        {
            json.Append(id == start ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing ").Append(id).Append("\"}");
        }

        json.Append(']');
        switch (style)
        {
            case PagingStyle.FullPath:
                json.Append(", \"meta\": {\"next\": ").Append(hasNext ? $"\"{server.Url(path + nextQuery)}\"" : "null").Append('}');
                break;
            case PagingStyle.PageNumberWithTotal:
                json.Append(", \"meta\": {\"totalPages\": ").Append(totalPagesOverride ?? (total + size - 1) / size).Append('}');
                break;
            case PagingStyle.OffsetWithTotal:
                json.Append(", \"meta\": {\"total\": ").Append(totalPagesOverride is { } pages ? pages * size : total).Append('}');
                break;
            case PagingStyle.Cursor when hasNext:
                json.Append(", \"paging\": {\"cursors\": {\"after\": \"cur_").Append((start + count).ToString("x", CultureInfo.InvariantCulture)).Append("\"}}");
                break;
        }

        json.Append('}');
        await Reply.Json(200, json.ToString())(context);
    }

    private static int Int(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : fallback;
}
