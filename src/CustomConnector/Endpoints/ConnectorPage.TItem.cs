using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CustomConnector;

/// <summary>A page of a paged endpoint with its items, as <see cref="IConnectorClient.PaginatePagesAsync{T}"/> yields it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ConnectorPage<T> : ConnectorPage
{
    internal ConnectorPage(int pageNumber, IReadOnlyList<T> items, int itemCount, long totalItemCount, HttpStatusCode statusCode, HttpResponseHeaders headers, Uri requestUri, Dictionary<string, JsonElement>? values)
        : base(pageNumber, itemCount, totalItemCount, statusCode, headers, requestUri, values)
    {
        Items = items;
    }

    /// <summary>Gets the page's items. Fewer than <see cref="ConnectorPage.ItemCount"/> only on the page where <see cref="PaginationOptions.MaxItems"/> was reached.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Gets the request the strategy chose for the next page (its link or cursor), or <see langword="null"/> when this is the last page.</summary>
    public PageRequest? NextRequest { get; internal set; }

    /// <summary>Gets the URI the next page will be requested from, or <see langword="null"/> when this is the last page.</summary>
    public Uri? NextRequestUri { get; internal set; }
}
