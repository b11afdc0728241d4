using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>One large response: <c>GET wings</c>, <c>{"data": [10,000 wings]}</c> (about 480 KB).</summary>
public partial class PeerBenchmarks
{
    [Benchmark(Baseline = true), BenchmarkCategory(ListCategory)]
    public async Task<int> ListRaw()
    {
        using var response = await _http.GetAsync("wings", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(Json.WingListEnvelope);
        return Expect(Expect(envelope?.Data, ListCategory).Count, LoopbackApi.ListCount, ListCategory);
    }

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListConnector() =>
        Expect((await _connector.SendAsync(PerCallEndpoints.ListWings(), Json.ListWing)).GetDataOrThrow().Count, LoopbackApi.ListCount, ListCategory);

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListConnectorReflection() =>
        Expect((await _connector.SendAsync<List<Wing>>(PerCallEndpoints.ListWings())).GetDataOrThrow().Count, LoopbackApi.ListCount, ListCategory);

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListConnectorNoPolly() =>
        Expect((await _bareConnector.SendAsync(PerCallEndpoints.ListWings(), Json.ListWing)).GetDataOrThrow().Count, LoopbackApi.ListCount, ListCategory);

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListRefit() =>
        Expect(Expect((await _refit.ListWingsAsync()).Data, ListCategory).Count, LoopbackApi.ListCount, ListCategory);

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListRestSharp() =>
        Expect(Expect((await _restSharp.GetAsync<WingListEnvelope>(new RestRequest("wings")))?.Data, ListCategory).Count, LoopbackApi.ListCount, ListCategory);

    [Benchmark, BenchmarkCategory(ListCategory)]
    public async Task<int> ListFlurl() =>
        Expect(Expect((await _flurl.Request("wings").GetJsonAsync<WingListEnvelope>()).Data, ListCategory).Count, LoopbackApi.ListCount, ListCategory);
}
