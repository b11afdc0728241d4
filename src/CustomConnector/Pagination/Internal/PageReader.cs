using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>Reads one page for the page walker: the envelope reader's page mode, made into a <see cref="ConnectorPage{T}"/>.</summary>
internal static class PageReader
{
    /// <summary>Reads the page at <paramref name="pageNumber"/> from <paramref name="response"/>.</summary>
    /// <param name="response">The page's response; not disposed.</param>
    /// <param name="typeInfo">The items' metadata.</param>
    /// <param name="envelope">Where the data and error are.</param>
    /// <param name="limits">The size limit of a page, and the clock.</param>
    /// <param name="pageNumber">The page's position, from 1.</param>
    /// <param name="itemsBefore">How many items the pages before held.</param>
    /// <param name="itemBudget">How many of this page's items the caller may still get (<see cref="PaginationOptions.MaxItems"/>); the rest are dropped but counted.</param>
    /// <param name="origin">The call that requested the page.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <exception cref="ConnectorException">The typed exception of an error status or error envelope.</exception>
    /// <exception cref="ConnectorResponseFormatException">The body is not a page.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ConnectorPage<T>> ReadAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> typeInfo,
        ConnectorEnvelopeOptions envelope,
        ResponseLimits limits,
        int pageNumber,
        long itemsBefore,
        long itemBudget,
        ResponseOrigin origin,
        CancellationToken cancellationToken)
    {
        var (items, values) = await EnvelopeReader.ReadPageAsync(response, typeInfo, envelope, limits, origin, cancellationToken).ConfigureAwait(false);
        var count = items.Count;
        if (count > itemBudget)
        {
            items.RemoveRange((int)itemBudget, count - (int)itemBudget);
        }

        return new ConnectorPage<T>(pageNumber, items, count, itemsBefore + count, response.StatusCode, response.Headers, origin.RequestUri!, values) { Redaction = origin.Redaction };
    }
}
