using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>A small POST: <c>POST wings</c> with <c>{"name": "Delta Wing"}</c>, 201 <c>{"data": {...}}</c>.</summary>
public partial class PeerBenchmarks
{
    [Benchmark(Baseline = true), BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingRaw()
    {
        using var content = JsonContent.Create(Input, Json.WingInput);
        using var response = await _http.PostAsync("wings", content);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(Json.WingEnvelope);
        return Expect(envelope?.Data, CreateWingCategory);
    }

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingConnector() =>
        (await _connector.SendAsync(PerCallEndpoints.CreateWing(Input), Json.Wing)).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingConnectorReflection() =>
        (await _connector.SendAsync<Wing>(PerCallEndpoints.CreateWingByReflection(Input))).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingConnectorNoPolly() =>
        (await _bareConnector.SendAsync(PerCallEndpoints.CreateWing(Input), Json.Wing)).GetDataOrThrow();

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingRefit() => Expect((await _refit.CreateWingAsync(Input)).Data, CreateWingCategory);

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingRestSharp()
    {
        var request = new RestRequest("wings", Method.Post).AddJsonBody(Input);
        return Expect((await _restSharp.PostAsync<WingEnvelope>(request))?.Data, CreateWingCategory);
    }

    [Benchmark, BenchmarkCategory(CreateWingCategory)]
    public async Task<Wing> CreateWingFlurl() =>
        Expect((await _flurl.Request("wings").PostJsonAsync(Input).ReceiveJson<WingEnvelope>()).Data, CreateWingCategory);
}
