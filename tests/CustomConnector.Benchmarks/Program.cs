using BenchmarkDotNet.Running;

namespace CustomConnector.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["alloc"])
        {
            await AllocationProbe.RunAsync();
            return 0;
        }

        if (args is ["alloc-canned"])
        {
            await CannedAllocationProbe.RunAsync();
            return 0;
        }

        if (args is ["alloc-peers"])
        {
            await PeerAllocationProbe.RunAsync();
            return 0;
        }

        if (args is ["time-peers", var calls, .. var columns] && int.TryParse(calls, out var count))
        {
            await PeerTimeProbe.RunAsync(columns, count);
            return 0;
        }

        if (args is ["alloc-pages"])
        {
            await CannedEndpointScenarios.RunPagesAsync();
            return 0;
        }

        if (args is ["overhead"])
        {
            await PipelineOverheadProbe.RunAsync();
            return 0;
        }

        if (args is ["serve"])
        {
            await ApiServerProcess.ServeAsync();
            return 0;
        }

        // BenchmarkDotNet: one API server process for the whole run, which the benchmark processes find
        // through the environment they inherit.
        using var server = await ApiServerProcess.StartAsync();
        Environment.SetEnvironmentVariable(ApiServerProcess.AddressVariable, server.BaseAddress.ToString());
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();

        // Non-zero when a benchmark failed or none ran, so that the dry run in CI notices one that rotted.
        var informational = args.Any(arg => arg is "--list" or "--help" or "-h" or "--info" or "--version");
        var failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
            || (summaries.Count == 0 && !informational);
        return failed ? 1 : 0;
    }
}
