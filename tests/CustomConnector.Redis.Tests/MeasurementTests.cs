using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CustomConnector.Redis.Tests;

/// <summary>
/// The figures in docs/running-many-instances.md: token requests per refresh window for K = 1, 2, 4 instances
/// with and without the shared cache, and calls per window with and without the shared limit. About 90 s,
/// so it runs only when CUSTOMCONNECTOR_REDIS_MEASURE names a file to write the table to.
/// </summary>
[Collection(RedisCollectionDefinition.Name)]
public sealed class MeasurementTests(RedisServer server, ITestOutputHelper output)
{
    private const double Seconds = 8;
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Measure_TokenRequestsAndCallsPerWindow_WritesTheDocsTable()
    {
        var file = Environment.GetEnvironmentVariable("CUSTOMCONNECTOR_REDIS_MEASURE");
        if (string.IsNullOrEmpty(file))
        {
            output.WriteLine("Set CUSTOMCONNECTOR_REDIS_MEASURE to a file path to measure.");
            return;
        }

        var table = new StringBuilder();
        table.AppendLine("| Instances (K) | Token cache | Token requests | Refresh windows (2 s) | Token requests per window |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var instances in new[] { 1, 2, 4 })
        {
            foreach (var shared in new[] { false, true })
            {
                await using var api = await ProtectedApi.StartAsync(expiresIn: 3);
                await Task.WhenAll(Enumerable.Range(0, instances).Select(_ =>
                    Worker.RunAsync(api, shared ? server.Configuration : "none", Seconds, parallel: 2, sharedLimit: 0, Window, fallbackLimit: 0)));
                var calls = api.Calls.Order().ToList();
                var windows = (calls[^1] - api.TokenRequests.Min()) / RefreshWindow;
                var tokens = api.TokenRequests.Count;
                table.AppendLine(CultureInfo.InvariantCulture, $"| {instances} | {(shared ? "Redis" : "none (in-process)")} | {tokens} | {windows:0.0} | {tokens / Math.Ceiling(windows):0.00} |");
            }
        }

        table.AppendLine();
        table.AppendLine("| Instances (K) | Limit | Calls | Windows (3 s) | Calls per window | Most calls in any 2 s span |");
        table.AppendLine("|---|---|---|---|---|---|");
        foreach (var shared in new[] { false, true })
        {
            await using var api = await ProtectedApi.StartAsync(expiresIn: 3);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Worker.RunAsync(api, shared ? server.Configuration : "none", Seconds, parallel: 3, sharedLimit: shared ? 30 : 0, Window, fallbackLimit: 30)));
            var calls = api.Calls.Order().ToList();
            var windows = (calls[^1] - calls[0]) / Window;
            var most = calls.Select((from, i) => calls.Skip(i).TakeWhile(t => t < from + TimeSpan.FromSeconds(2)).Count()).Max();
            table.AppendLine(CultureInfo.InvariantCulture, $"| 4 | {(shared ? "30 per 3 s shared (Redis sliding window)" : "30 per 3 s each (in-process fixed window)")} | {calls.Count} | {windows:0.0} | {calls.Count / windows:0.0} | {most} |");
        }

        output.WriteLine(table.ToString());
        await File.WriteAllTextAsync(file, table.ToString());
    }
}
