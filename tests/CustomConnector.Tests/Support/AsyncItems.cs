namespace CustomConnector.Tests;

/// <summary>Collects the items of a page walk or a stream, for tests.</summary>
internal static class AsyncItems
{
    /// <summary>Collects every item of <paramref name="source"/>, into <paramref name="into"/> when given, so that a test can see what came before a failure.</summary>
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source, List<T>? into = null)
    {
        into ??= [];
        await foreach (var item in source.WithCancellation(CancellationToken.None))
        {
            into.Add(item);
        }

        return into;
    }
}
