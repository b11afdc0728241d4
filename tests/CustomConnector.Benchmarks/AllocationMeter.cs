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
        return perCall;
    }
}
