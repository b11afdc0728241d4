using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// A bare TCP server on 127.0.0.1 for the faults Kestrel cannot play: it reads each request whole,
/// counts it, then either resets the connection (RST), closes it without a word (FIN), or sends a
/// canned response, as the script says for that request's number.
/// </summary>
public sealed class RawSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, RawReply> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _requests;

    /// <param name="script">What to do with request number n (1-based).</param>
    public RawSocketServer(Func<int, RawReply> script)
    {
        _script = script;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets how many complete requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.WaitAsync(SafetyTimeout.Client);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stopping.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                while (await ReadRequestAsync(socket))
                {
                    var reply = _script(Interlocked.Increment(ref _requests));
                    switch (reply.Kind)
                    {
                        case RawReplyKind.Reset:
                            socket.LingerState = new LingerOption(true, 0);
                            socket.Close();
                            return;
                        case RawReplyKind.Close:
                            socket.Shutdown(SocketShutdown.Both);
                            return;
                        default:
                            var body = Encoding.UTF8.GetBytes(reply.Body);
                            var head = $"HTTP/1.1 {reply.Status} X\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
                            await socket.SendAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray(), _stopping.Token);
                            break;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); false when the client closed the connection first.</summary>
    private async Task<bool> ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        var headerEnd = -1;
        var contentLength = 0;
        while (true)
        {
            if (headerEnd < 0)
            {
                var text = Encoding.ASCII.GetString(received.ToArray());
                headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd >= 0)
                {
                    foreach (var line in text[..headerEnd].Split("\r\n"))
                    {
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        {
                            contentLength = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        }
                    }
                }
            }

            if (headerEnd >= 0 && received.Count >= headerEnd + 4 + contentLength)
            {
                return true;
            }

            var read = await socket.ReceiveAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                return false;
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }
}
