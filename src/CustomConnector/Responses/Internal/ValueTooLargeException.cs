namespace CustomConnector.Internal;

/// <summary>One element of a streamed data array (or another top-level value) grew past the limit that applies to each.</summary>
internal sealed class ValueTooLargeException(long limit, bool isElement)
    : Exception($"A {(isElement ? "data element" : "top-level value")} of the response is larger than the limit of {limit} bytes (ConnectorClientOptions.MaxResponseContentBytes).")
{
    public long Limit { get; } = limit;

    public bool IsElement { get; } = isElement;
}
