namespace CustomConnector.Internal;

/// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP-date, measured against the given clock.</summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
