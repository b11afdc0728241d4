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

        if (args is ["overhead"])
        {
            await PipelineOverheadProbe.RunAsync();
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
