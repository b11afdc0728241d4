namespace CustomConnector.Tests;

/// <summary>A custom provider that counts its calls and marks each request, to see where credentials went.</summary>
internal sealed class RecordingAuthenticationProvider(string headerValue = "recorded") : IAuthenticationHeaderProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        request.Headers.Add("X-Credential", headerValue);
        return ValueTask.CompletedTask;
    }
}
