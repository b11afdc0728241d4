using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>A small GET with a path parameter: <c>GET wings/1001</c>, <c>{"data": {...}}</c> (about 60 bytes).</summary>
public partial class PeerBenchmarks
{
    [Benchmark(Baseline = true), BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingRaw()
    {
        using var response = await _http.GetAsync($"wings/{_wingId}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(Json.WingEnvelope);
        return Expect(envelope?.Data, GetWingCategory);
    }

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingConnector() =>
        (await _connector.SendAsync(PerCallEndpoints.GetWing(_wingId), Json.Wing)).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingConnectorReflection() =>
        (await _connector.SendAsync<Wing>(PerCallEndpoints.GetWing(_wingId))).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingConnectorNoPolly() =>
        (await _bareConnector.SendAsync(PerCallEndpoints.GetWing(_wingId), Json.Wing)).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingRefit() => Expect((await _refit.GetWingAsync(_wingId)).Data, GetWingCategory);

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingRestSharp()
    {
        var request = new RestRequest("wings/{id}").AddUrlSegment("id", _wingId);
        return Expect((await _restSharp.GetAsync<WingEnvelope>(request))?.Data, GetWingCategory);
    }

    [Benchmark, BenchmarkCategory(GetWingCategory)]
    public async Task<Wing> GetWingFlurl() => Expect((await _flurl.Request("wings", _wingId).GetJsonAsync<WingEnvelope>()).Data, GetWingCategory);
}
