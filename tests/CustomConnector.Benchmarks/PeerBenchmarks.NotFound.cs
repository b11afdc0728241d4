using System.Net;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using Refit;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>
/// An error read as a result, not caught as an exception: <c>GET wings/7</c>, 404
/// <c>{"error": {"code": "404", "description": "..."}}</c>; every column returns the error's code.
/// </summary>
public partial class PeerBenchmarks
{
    [Benchmark(Baseline = true), BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundRaw()
    {
        using var response = await _http.GetAsync($"wings/{_missingId}", HttpCompletionOption.ResponseHeadersRead);
        Expect(response.StatusCode, HttpStatusCode.NotFound, NotFoundCategory);
        var envelope = await response.Content.ReadFromJsonAsync(Json.ErrorEnvelope);
        return Expect(envelope?.Error?.Code, NotFoundCategory);
    }

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundConnector() =>
        Expect((await _connector.SendAsync(PerCallEndpoints.GetWing(_missingId), Json.Wing)).Error?.Code, NotFoundCategory);

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundConnectorReflection() =>
        Expect((await _connector.SendAsync<Wing>(PerCallEndpoints.GetWing(_missingId))).Error?.Code, NotFoundCategory);

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundConnectorNoPolly() =>
        Expect((await _bareConnector.SendAsync(PerCallEndpoints.GetWing(_missingId), Json.Wing)).Error?.Code, NotFoundCategory);

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundRefit()
    {
        using var response = await _refit.TryGetWingAsync(_missingId);
        Expect(response.StatusCode, HttpStatusCode.NotFound, NotFoundCategory);
        var envelope = await Expect(response.Error as ApiException, NotFoundCategory).GetContentAsAsync<ErrorEnvelope>();
        return Expect(envelope?.Error?.Code, NotFoundCategory);
    }

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundRestSharp()
    {
        var request = new RestRequest("wings/{id}").AddUrlSegment("id", _missingId);
        var response = await _restSharp.ExecuteGetAsync<ErrorEnvelope>(request);
        Expect(response.StatusCode, HttpStatusCode.NotFound, NotFoundCategory);
        return Expect(response.Data?.Error?.Code, NotFoundCategory);
    }

    [Benchmark, BenchmarkCategory(NotFoundCategory)]
    public async Task<string> NotFoundFlurl()
    {
        using var response = await _flurl.Request("wings", _missingId).AllowHttpStatus(404).GetAsync();
        Expect(response.StatusCode, 404, NotFoundCategory);
        return Expect((await response.GetJsonAsync<ErrorEnvelope>()).Error?.Code, NotFoundCategory);
    }
}
