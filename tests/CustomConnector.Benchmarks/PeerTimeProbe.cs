using System.Diagnostics;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Time per call of chosen peer-benchmark columns over the canned API, in alternating rounds within one process
/// (the machine is shared, so only ratios within a round mean anything). Prints; asserts nothing.
/// </summary>
public static class PeerTimeProbe
{
    public static async Task RunAsync(string[] columns, int calls)
    {
        var benchmarks = PeerBenchmarks.OverCannedApi();
        try
        {
            var delegates = columns.Select(name => (Name: name, Call: typeof(PeerBenchmarks).GetMethod(name)!.CreateDelegate<Func<Task>>(benchmarks))).ToArray();
            foreach (var (_, call) in delegates)
            {
                for (var i = 0; i < Math.Max(10, calls / 10); i++)
                {
                    await call();
                }
            }

            for (var round = 1; round <= 5; round++)
            {
                var line = $"round {round}:";
                foreach (var (name, call) in delegates)
                {
                    var watch = Stopwatch.StartNew();
                    for (var i = 0; i < calls; i++)
                    {
                        await call();
                    }

                    line += $" {name} {watch.Elapsed.TotalMicroseconds / calls:F1} us;";
                }

                Console.WriteLine(line);
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
