namespace CustomConnector.Tests.Resilience;

/// <summary>A bearer provider whose token goes stale: each invalidation moves to the next token, and every call is counted.</summary>
internal sealed class RefreshableTokenProvider : IRefreshableAuthenticationProvider
{
    private int _generation = 1;
    private int _invalidations;

    public int Invalidations => Volatile.Read(ref _invalidations);

    public string CurrentToken => $"token-{Volatile.Read(ref _generation)}";

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CurrentToken);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> InvalidateAsync(HttpRequestMessage rejectedRequest, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invalidations);
        Interlocked.Increment(ref _generation);
        return ValueTask.FromResult(true);
    }
}
