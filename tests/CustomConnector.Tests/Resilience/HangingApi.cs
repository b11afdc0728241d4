namespace CustomConnector.Tests.Resilience;

/// <summary>An API that never answers: every request waits until its token is cancelled. Counts arrivals so tests can await the n-th.</summary>
internal sealed class HangingApi : HttpMessageHandler
{
    private readonly Dictionary<int, TaskCompletionSource> _arrivals = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task ArrivedAsync(int number) => Arrival(number).Task.WaitAsync(WatchedTime.SafetyTimeout);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        Arrival(Interlocked.Increment(ref _count)).TrySetResult();
        return await never.Task;
    }

    private TaskCompletionSource Arrival(int number)
    {
        lock (_arrivals)
        {
            if (!_arrivals.TryGetValue(number, out var arrival))
            {
                arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _arrivals[number] = arrival;
            }

            return arrival;
        }
    }
}
