using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// Holds a server-side response until the test releases it, and tells the test when the request
/// has arrived: timeouts and cancellations are driven by signals, never by sleeping.
/// </summary>
/// <remarks>Dispose it (a <c>using</c> in the test) so that a failed test never leaves a request hanging.</remarks>
public sealed class ServerGate : IDisposable
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when the server handler reaches the gate.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Called by a route handler: signals arrival, then waits until released or the client goes away.</summary>
    /// <returns><see langword="true"/> when released; <see langword="false"/> when the client aborted the request first.</returns>
    public async Task<bool> WaitAsync(HttpContext context)
    {
        _arrived.TrySetResult();
        try
        {
            // The bound only matters if a test forgets to dispose its gate.
            await _released.Task.WaitAsync(SafetyTimeout.Server, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Release() => _released.TrySetResult();

    public void Dispose() => Release();
}
