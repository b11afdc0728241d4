using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;

namespace CustomConnector.Benchmarks;

/// <summary>
/// One small GET and one 10,000-item GET over loopback: raw HttpClient with a source-generated
/// DeserializeAsync, then the connector with its resilience pipeline off and on (the default). The API
/// runs in another process (<see cref="ApiServerProcess"/>), so the allocated bytes are the client's alone.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class HappyPathBenchmarks
{
    private HttpClient _raw = null!;
    private ConnectorClient _withoutPipeline = null!;
    private ConnectorClient _withPipeline = null!;
    private IConnectorEndpoint _getWing = null!;
    private IConnectorEndpoint _listWings = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baseAddress = ApiServerProcess.RunAddress;
        _raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        _withoutPipeline = new ConnectorClient(new ConnectorClientOptions { BaseAddress = baseAddress, Resilience = { Enabled = false } });
        _withPipeline = new ConnectorClient(new ConnectorClientOptions { BaseAddress = baseAddress });
        _getWing = ConnectorEndpoint.Get("wings/1001").WithName("getWing").Build();
        _listWings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _withoutPipeline.Dispose();
        _withPipeline.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("small")]
    public async Task<Wing?> SmallRawHttpClient()
    {
        using var response = await _raw.GetAsync("wings/1001", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(BenchmarkJsonContext.Default.WingEnvelope);
        return envelope!.Data;
    }

    [Benchmark, BenchmarkCategory("small")]
    public async Task<Wing?> SmallConnectorPipelineOff() => (await _withoutPipeline.SendAsync(_getWing, BenchmarkJsonContext.Default.Wing)).Data;

    [Benchmark, BenchmarkCategory("small")]
    public async Task<Wing?> SmallConnectorDefault() => (await _withPipeline.SendAsync(_getWing, BenchmarkJsonContext.Default.Wing)).Data;

    [Benchmark, BenchmarkCategory("large")]
    public async Task<int> LargeRawHttpClient()
    {
        using var response = await _raw.GetAsync("wings", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(BenchmarkJsonContext.Default.WingListEnvelope);
        return envelope!.Data!.Count;
    }

    [Benchmark, BenchmarkCategory("large")]
    public async Task<int> LargeConnectorPipelineOff() => (await _withoutPipeline.SendAsync(_listWings, BenchmarkJsonContext.Default.ListWing)).Data!.Count;

    [Benchmark, BenchmarkCategory("large")]
    public async Task<int> LargeConnectorDefault() => (await _withPipeline.SendAsync(_listWings, BenchmarkJsonContext.Default.ListWing)).Data!.Count;
}
