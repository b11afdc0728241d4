using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Every column of <see cref="PeerBenchmarks"/>, scenario by scenario, over <see cref="CannedWingsHandler"/>
/// instead of a socket: exact bytes allocated per call, averaged over many calls after a warm-up, so that the
/// comparison with the peers does not move with thread-pool timing as BenchmarkDotNet's socket figures do.
/// </summary>
public static class PeerAllocationProbe
{
    public static async Task RunAsync()
    {
        var benchmarks = PeerBenchmarks.OverCannedApi();
        try
        {
            var columns = typeof(PeerBenchmarks).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Select(method => (Method: method, Category: method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories[0]))
                .Where(column => column.Category is not null && column.Method.GetCustomAttribute<BenchmarkAttribute>() is not null)
                .GroupBy(column => column.Category!);
            foreach (var scenario in columns)
            {
                Console.WriteLine(scenario.Key);
                var large = scenario.Key.Contains("10,000", StringComparison.Ordinal) || scenario.Key.Contains("pages", StringComparison.Ordinal);
                double? floor = null;
                foreach (var (method, _) in scenario.OrderBy(column => column.Method.GetCustomAttribute<BenchmarkAttribute>()!.Baseline ? 0 : 1))
                {
                    var call = method.CreateDelegate<Func<Task>>(benchmarks);
                    var bytes = await AllocationMeter.MeasureAsync($"  {method.Name}", call, warmUp: large ? 20 : 2_000, calls: large ? 200 : 20_000);
                    floor ??= bytes;
                    Console.WriteLine($"  {string.Empty,-38} {bytes / floor.Value,8:F2}x the floor, {bytes - floor.Value,9:F0} B over it");
                }

                Console.WriteLine();
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
