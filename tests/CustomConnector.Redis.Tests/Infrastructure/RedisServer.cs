using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CustomConnector.Redis.Tests;

/// <summary>
/// A real <c>redis-server</c> on a free 127.0.0.1 port, without persistence, shared by the Redis tests
/// and stopped at the end. Tests that need an outage <see cref="KillAsync"/> it and <see cref="StartAsync"/> it
/// again on the same port. Readiness is its own "Ready to accept connections" line, then a PING: no polling.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>Gets the StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => KillAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed; `.ci/run` installs it (apt-get install -y redis-server).", exception);
        }

        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited at start: {output}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(Bound);
        await PingAsync().WaitAsync(Bound);
    }

    /// <summary>Kills the server at once (no shutdown save), as a crash or a network cut would look to clients.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(Bound);
        process.Dispose();
    }

    /// <summary>Sends one raw command (inline protocol) and returns the first reply line.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(Bound);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n")).AsTask().WaitAsync(Bound);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Bound);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task PingAsync()
    {
        var reply = await CommandAsync("PING");
        if (!reply.StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-server answered PING with '{reply}'.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
