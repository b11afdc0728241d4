namespace CustomConnector.IntegrationTests;

/// <summary>
/// A custom provider that slips a header value past the builder's checks, as a provider may: it adds
/// a non-ASCII value without validation, which SocketsHttpHandler refuses only when it writes the request.
/// </summary>
internal sealed class NonAsciiHeaderProvider : IAuthenticationHeaderProvider
{
    private int _calls;

    /// <summary>Gets how many attempts the provider was asked to authenticate.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        request.Headers.TryAddWithoutValidation("X-Caller", "café");
        return ValueTask.CompletedTask;
    }
}
