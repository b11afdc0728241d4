namespace CustomConnector.Tests;

/// <summary>
/// A handler whose response never comes: it waits on a <see cref="TaskCompletionSource"/> until
/// the request's token is cancelled, so timeouts and cancellation are tested without real waiting.
/// </summary>
internal sealed class HangingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when a request has reached the handler.</summary>
    public Task Started => _started.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        _started.TrySetResult();
        return await never.Task;
    }
}
