namespace CustomConnector.IntegrationTests;

/// <summary>
/// Sits between a client and its <see cref="SocketsHttpHandler"/> and counts what passes: requests
/// sent, transport failures, responses created, and responses disposed (through <see cref="CountedContent"/>).
/// </summary>
internal sealed class ResponseCountingHandler : DelegatingHandler
{
    private readonly Action<HttpRequestMessage>? _onSending;
    private readonly Action<HttpResponseMessage>? _onResponse;
    private int _sent;
    private int _failed;
    private int _created;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="ResponseCountingHandler"/> class over a socket handler that never follows redirects.</summary>
    /// <param name="onSending">Called with each request before it goes out, to stamp it.</param>
    /// <param name="onResponse">Called with each response once its headers have arrived, before the client reads its body.</param>
    public ResponseCountingHandler(Action<HttpRequestMessage>? onSending = null, Action<HttpResponseMessage>? onResponse = null)
        : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        _onSending = onSending;
        _onResponse = onResponse;
    }

    public int Sent => Volatile.Read(ref _sent);

    public int Failed => Volatile.Read(ref _failed);

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public override string ToString() => $"sent {Sent}, failed {Failed}, responses created {Created}, disposed {Disposed}";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _onSending?.Invoke(request);
        Interlocked.Increment(ref _sent);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }

        Interlocked.Increment(ref _created);
        response.Content = new CountedContent(response.Content, () => Interlocked.Increment(ref _disposed));
        _onResponse?.Invoke(response);
        return response;
    }
}
