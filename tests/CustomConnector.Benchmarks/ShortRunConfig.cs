using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace CustomConnector.Benchmarks;

/// <summary>
/// A short job for the peer benchmarks (one launch, 3 warm-up and 9 measured iterations of about
/// 250 ms each), so that all of them run in a few minutes on 2 cores, grouped by scenario, with each
/// scenario's ratios to its raw HttpClient baseline.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("Short")
            .AsDefault()); // default: a job given on the command line (--job Dry in CI) replaces it
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(CategoriesColumn.Default, StatisticColumn.Median);
        HideColumns(Column.Error, Column.StdDev);

        // Allocated bytes to the byte: between runs they agree to within a few hundred bytes (most to
        // within 20), while on a shared machine the times can move by 2x.
        SummaryStyle = SummaryStyle.Default.WithSizeUnit(SizeUnit.B);
    }
}
