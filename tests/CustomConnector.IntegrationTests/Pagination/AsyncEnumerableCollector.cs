namespace CustomConnector.IntegrationTests;

/// <summary>Reads an async sequence to the end within the suite's safety timeout, so a paging bug fails the test instead of hanging it.</summary>
internal static class AsyncEnumerableCollector
{
    /// <summary>Adds every item to <paramref name="into"/> (kept when the sequence throws part-way) and returns it.</summary>
    public static Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, List<T>? into = null, CancellationToken cancellationToken = default)
    {
        into ??= [];
        return CollectCoreAsync(source, into, cancellationToken).WaitAsync(SafetyTimeout.Client, CancellationToken.None);
    }

    private static async Task<List<T>> CollectCoreAsync<T>(IAsyncEnumerable<T> source, List<T> into, CancellationToken cancellationToken)
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        safety.CancelAfter(SafetyTimeout.Server);
        await foreach (var item in source.WithCancellation(safety.Token))
        {
            into.Add(item);
        }

        return into;
    }
}
