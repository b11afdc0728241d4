namespace CustomConnector.Internal;

/// <summary>The body grew past the configured limit while it was being read.</summary>
internal sealed class ResponseTooLargeException(long limit)
    : IOException($"The response body is larger than the limit of {limit} bytes (ConnectorClientOptions.MaxResponseContentBytes).")
{
    public long Limit { get; } = limit;
}
