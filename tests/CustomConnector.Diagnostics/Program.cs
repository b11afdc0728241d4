using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomConnector;
using CustomConnector.Diagnostics;

// Reproduces the pagination and streaming figures in README.md (Release build, nothing else running):
//   dotnet run -c Release --project benchmarks/CustomConnector.Diagnostics            (both)
//   dotnet run -c Release --project benchmarks/CustomConnector.Diagnostics -- paging  (or: stream)
// Exits 1 when a figure misses its target.
const int TotalPages = 1_000;
const int Rounds = 7;
const int WarmupRounds = 2;
const long ExportBytes = 200L * 1024 * 1024;
const long HeapTarget = 32L * 1024 * 1024;

var which = args.Length > 0 ? args[0] : "all";
await using var api = await LoopbackApi.StartAsync(TotalPages);
var json = DiagnosticsJsonContext.Default;
var ok = true;
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

if (which is "all" or "paging")
{
    using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = api.BaseAddress });
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = api.BaseAddress };
    var endpoint = ConnectorEndpoint.Get("records").WithName("listRecords").Build();
    var strategy = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: LoopbackApi.PageSize, totalPagesPath: "meta.totalPages");

    async Task<long> LibraryAsync()
    {
        long sum = 0;
        await foreach (var item in client.PaginateAsync(endpoint, strategy, json.Item))
        {
            sum += item.Id;
        }

        return sum;
    }

    async Task<long> HandWrittenAsync()
    {
        long sum = 0;
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"records?page={page}&pageSize={LoopbackApi.PageSize}"), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var body = await JsonSerializer.DeserializeAsync(stream, json.ItemPage) ?? throw new InvalidOperationException("No page.");
            foreach (var item in body.Data)
            {
                sum += item.Id;
            }

            if (body.Data.Length == 0 || page >= body.Meta?.TotalPages)
            {
                return sum;
            }
        }
    }

    const long ExpectedSum = (long)TotalPages * LoopbackApi.PageSize * ((TotalPages * LoopbackApi.PageSize) - 1) / 2;

    // Warm up both (tiered JIT), then measure the heap in untimed runs: the sampler thread would
    // otherwise compete for the CPU with the run it times.
    for (var round = 0; round < WarmupRounds; round++)
    {
        Check(await LibraryAsync() == ExpectedSum, "PaginateAsync read every record");
        Check(await HandWrittenAsync() == ExpectedSum, "the hand-written loop read every record");
    }

    // Bytes allocated per page (the in-process server's share included, the same for both): the
    // library's overhead over the hand-written loop is the difference; telemetry nobody listens to adds none.
    var libraryBytesPerPage = await MeasureAllocatedAsync(LibraryAsync) / (double)TotalPages;
    var handWrittenBytesPerPage = await MeasureAllocatedAsync(HandWrittenAsync) / (double)TotalPages;
    var (libraryPeak, libraryAfterCollection) = await MeasureHeapAsync(LibraryAsync);
    var (handWrittenPeak, _) = await MeasureHeapAsync(HandWrittenAsync);
    var library = new List<double>();
    var handWritten = new List<double>();
    for (var round = 0; round < Rounds; round++)
    {
        library.Add(await TimeAsync(LibraryAsync));
        handWritten.Add(await TimeAsync(HandWrittenAsync));
    }

    var ratio = Median(library) / Median(handWritten);
    Console.WriteLine($"paging: {TotalPages * LoopbackApi.PageSize:N0} records over {TotalPages:N0} pages, {Rounds} rounds after {WarmupRounds} to warm up");
    Console.WriteLine($"  PaginateAsync     median {Median(library):F3} s ({Join(library)})");
    Console.WriteLine($"  hand-written loop median {Median(handWritten):F3} s ({Join(handWritten)})");
    Console.WriteLine($"  ratio {ratio:F2} (target at most 1.15)");
    Console.WriteLine($"  allocated per page: PaginateAsync {libraryBytesPerPage:F0} B, hand-written loop {handWrittenBytesPerPage:F0} B (difference {libraryBytesPerPage - handWrittenBytesPerPage:F0} B; server included in both)");
    Console.WriteLine($"  peak managed heap {Mb(libraryPeak)} (after collections {Mb(libraryAfterCollection)}; hand-written loop {Mb(handWrittenPeak)}; target under {Mb(HeapTarget)})");
    Check(ratio <= 1.15, "paging time within 1.15x of the hand-written loop");

    // Exact: an in-process handler, nothing else allocating. Telemetry nobody listens to must add nothing here.
    const int CannedPages = 200;
    using var canned = new ConnectorClient(new HttpClient(new CannedPagesHandler(CannedPages)), new ConnectorClientOptions { BaseAddress = new Uri("http://127.0.0.1:5000/") });
    var cannedStrategy = Pagination.PageNumber("page", totalPagesPath: "meta.totalPages");
    async Task<long> CannedAsync()
    {
        long count = 0;
        await foreach (var item in canned.PaginateAsync(endpoint, cannedStrategy, json.Item))
        {
            count++;
        }

        return count;
    }

    for (var round = 0; round < WarmupRounds; round++)
    {
        Check(await CannedAsync() == CannedPages * 10L, "PaginateAsync read every canned record");
    }

    var cannedBytes = await MeasureAllocatedAsync(CannedAsync);
    Console.WriteLine($"  canned pages (no server, no listener): {cannedBytes / (double)CannedPages:F0} B per page of 10 records ({cannedBytes:N0} B for {CannedPages} pages)");
    Check(libraryPeak < HeapTarget, "paging peak heap under 32 MB");
}

if (which is "all" or "stream")
{
    using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = api.BaseAddress });
    var export = ConnectorEndpoint.Get("export").WithQueryParameter("bytes", ExportBytes).Build();
    long count = 0;
    var watch = Stopwatch.StartNew();
    long peakTotal;
    long peakAfterCollection;
    using (var sampler = HeapSampler.Start())
    {
        watch.Restart();
        await foreach (var item in client.StreamDataAsync(export, json.Item))
        {
            count++;
        }

        peakTotal = sampler.PeakTotalBytes;
        peakAfterCollection = sampler.PeakAfterCollectionBytes;
    }

    Console.WriteLine($"stream: one {Mb(ExportBytes)} data array, {count:N0} elements in {watch.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"  peak managed heap {Mb(peakTotal)} (after collections {Mb(peakAfterCollection)}; target under {Mb(HeapTarget)})");
    Check(count > 0, "StreamDataAsync read the array");
    Check(peakTotal < HeapTarget, "streaming peak heap under 32 MB");
}

return ok ? 0 : 1;

void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.WriteLine($"  MISSED: {what}");
        ok = false;
    }
}

static async Task<double> TimeAsync(Func<Task<long>> run)
{
    var watch = Stopwatch.StartNew();
    await run();
    return watch.Elapsed.TotalSeconds;
}

static async Task<(long Peak, long AfterCollection)> MeasureHeapAsync(Func<Task<long>> run)
{
    using var sampler = HeapSampler.Start();
    await run();
    return (sampler.PeakTotalBytes, sampler.PeakAfterCollectionBytes);
}

static async Task<long> MeasureAllocatedAsync(Func<Task<long>> run)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    await run();
    return GC.GetTotalAllocatedBytes(precise: true) - before;
}

static string Join(List<double> values) => string.Join(", ", values.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F1} MB");
