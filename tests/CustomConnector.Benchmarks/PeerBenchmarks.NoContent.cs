using System.Net;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>An update that answers 204 with no body: <c>POST wings/1001</c> with <c>{"name": "Delta Wing"}</c>.</summary>
public partial class PeerBenchmarks
{
    [Benchmark(Baseline = true), BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentRaw()
    {
        using var content = JsonContent.Create(Input, Json.WingInput);
        using var response = await _http.PostAsync($"wings/{_wingId}", content);
        return Expect(response.StatusCode, HttpStatusCode.NoContent, NoContentCategory);
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentConnector()
    {
        var result = await _connector.SendAsync(PerCallEndpoints.RenameWing(_wingId, Input), Json.Wing);
        Expect(result.Kind, ConnectorResultKind.Empty, NoContentCategory);
        return result.StatusCode;
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentConnectorReflection()
    {
        var result = await _connector.SendAsync<Wing>(PerCallEndpoints.RenameWingByReflection(_wingId, Input));
        Expect(result.Kind, ConnectorResultKind.Empty, NoContentCategory);
        return result.StatusCode;
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentConnectorNoPolly()
    {
        var result = await _bareConnector.SendAsync(PerCallEndpoints.RenameWing(_wingId, Input), Json.Wing);
        Expect(result.Kind, ConnectorResultKind.Empty, NoContentCategory);
        return result.StatusCode;
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentRefit()
    {
        // A Task-returning Refit method throws on an error status and reads nothing on success.
        await _refit.RenameWingAsync(_wingId, Input);
        return HttpStatusCode.NoContent;
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentRestSharp()
    {
        var request = new RestRequest("wings/{id}", Method.Post).AddUrlSegment("id", _wingId).AddJsonBody(Input);
        return Expect((await _restSharp.ExecutePostAsync(request)).StatusCode, HttpStatusCode.NoContent, NoContentCategory);
    }

    [Benchmark, BenchmarkCategory(NoContentCategory)]
    public async Task<HttpStatusCode> NoContentFlurl()
    {
        using var response = await _flurl.Request("wings", _wingId).PostJsonAsync(Input);
        return (HttpStatusCode)Expect(response.StatusCode, 204, NoContentCategory);
    }
}
