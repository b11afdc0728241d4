namespace CustomConnector.Benchmarks;

/// <summary>Bytes allocated per call, on average over many calls after a warm-up, printed as one line.</summary>
public static class AllocationMeter
{
    public static async Task<double> MeasureAsync(string name, Func<Task> call, int warmUp, int calls)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await call();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        Console.WriteLine($"{name,-40} {perCall,8:F0} B/call");
        if (AllocationSampler.Enabled)
        {
            // Sampled in a second run, so that the listener's own allocations stay out of the exact figure.
            using var sampler = new AllocationSampler();
            sampler.Start();
            for (var i = 0; i < calls; i++)
            {
                await call();
            }

            sampler.StopAndPrint();
        }
        return perCall;
    }
}
