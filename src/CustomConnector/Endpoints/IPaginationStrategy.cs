namespace CustomConnector;

/// <summary>
/// Decides how a paged endpoint is walked: what the first request adds, and, from each page that
/// arrived, which request fetches the next page or that there is none.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Pagination"/> creates the built-in strategies. To write your own, implement
/// <see cref="GetNextRequest"/> (and optionally <see cref="GetFirstRequest"/> and <see cref="Options"/>).
/// Strategies must be stateless and thread-safe: an endpoint that carries one may be paged by
/// several enumerations at once. Everything a decision needs is on the <see cref="ConnectorPage"/>
/// (its number, item count, status, headers, request URI, and any value of the body outside the data array).
/// </para>
/// <para>
/// Whatever the strategy says, the client stops after an empty page, stops when
/// <see cref="PaginationOptions.MaxItems"/> items were read, fails when
/// <see cref="PaginationOptions.MaxPages"/> pages were read and another is offered, fails when a
/// next request repeats an earlier one (a loop), and refuses next links to another origin.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// // Follows {"data": [...], "meta": {"continuation": "..."}} by sending ?from=&lt;continuation&gt;.
/// public sealed class ContinuationPagination : IPaginationStrategy
/// {
///     public PageRequest? GetNextRequest(ConnectorPage page) =>
///         page.GetString("meta.continuation") is { Length: > 0 } token ? PageRequest.FromQuery("from", token) : null;
/// }
/// </code>
/// </example>
public interface IPaginationStrategy
{
    /// <summary>Gets the limits and link policy of enumerations that use this strategy, or <see langword="null"/> for the defaults.</summary>
    /// <value>The default implementation returns <see langword="null"/>: at most 10,000 pages, no item limit, same-origin links only.</value>
    PaginationOptions? Options => null;

    /// <summary>Returns what the first request adds to the endpoint, such as <c>page=1&amp;pageSize=100</c>.</summary>
    /// <param name="endpoint">The endpoint being paged.</param>
    /// <returns>The parameters (or link) of the first request, or <see langword="null"/> to send the endpoint as it is.</returns>
    /// <remarks>The default implementation returns <see langword="null"/>. Parameters set here stay on every later request that is not a link.</remarks>
    PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => null;

    /// <summary>Returns the request for the page after <paramref name="page"/>, or <see langword="null"/> when it was the last.</summary>
    /// <param name="page">The page that just arrived (never an error page, never empty).</param>
    /// <returns>The next request, or <see langword="null"/> to stop.</returns>
    PageRequest? GetNextRequest(ConnectorPage page);
}
