using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>Paging: event ids 200 to 299. Next links are always redacted first.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 200, EventName = "PageFetched", Level = LogLevel.Debug,
        Message = "{Method} {Endpoint}: page {PageNumber} fetched with {Items} item(s); next {NextLink}.")]
    public static partial void PageFetched(ILogger logger, string method, string endpoint, int pageNumber, int items, Uri? nextLink);

    [LoggerMessage(EventId = 201, EventName = "PagingFinished", Level = LogLevel.Debug,
        Message = "{Method} {Endpoint}: paging finished after {Pages} page(s) and {Items} item(s): {StopReason}.")]
    public static partial void PagingFinished(ILogger logger, string method, string endpoint, int pages, long items, string stopReason);
}
