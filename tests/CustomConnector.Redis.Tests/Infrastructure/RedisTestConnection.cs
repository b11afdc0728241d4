using CustomConnector.Internal;
using StackExchange.Redis;

namespace CustomConnector.Redis.Tests;

/// <summary>One "instance's" connection to the test server, with its own key prefix and log.</summary>
internal static class RedisTestConnection
{
    private static int _next;

    public static string NewPrefix() => $"test{Interlocked.Increment(ref _next)}-{Environment.ProcessId}";

    public static RedisConnection Create(RedisServer server, RecordingLogger log, string prefix, Action<RedisConnectorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new RedisConnectorOptions { Configuration = server.Configuration, KeyPrefix = prefix, OperationTimeout = TimeSpan.FromSeconds(2) };
        configure?.Invoke(options);
        return new RedisConnection("Wings", options, log, time ?? TimeProvider.System);
    }

    /// <summary>Completes when the connection's client can send commands again after a restart (its own event; no polling).</summary>
    public static async Task WaitConnectedAsync(RedisConnection connection)
    {
        var multiplexer = await connection.ConnectingForTests!.WaitAsync(TimeSpan.FromSeconds(15));
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRestored(object? sender, ConnectionFailedEventArgs e)
        {
            // The interactive connection carries commands; the subscription one may come back first.
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        }

        multiplexer.ConnectionRestored += OnRestored;
        try
        {
            if (!multiplexer.GetServers().All(server => server.IsConnected))
            {
                await restored.Task.WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        finally
        {
            multiplexer.ConnectionRestored -= OnRestored;
        }
    }
}
