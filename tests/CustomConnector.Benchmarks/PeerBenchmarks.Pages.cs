using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using RestSharp;

namespace CustomConnector.Benchmarks;

/// <summary>
/// Paging: <c>GET wings?page=N&amp;pageSize=100</c>, 100 pages of 100 wings, each page saying
/// <c>"meta": {"totalPages": 100}</c>. The connector walks them with <c>PaginateAsync</c> and a
/// <c>PageNumber</c> strategy; the others with the loop a user would write. Every column counts the wings.
/// </summary>
public partial class PeerBenchmarks
{
    private const int AllWings = LoopbackApi.PageCount * LoopbackApi.PageSize;

    [Benchmark(Baseline = true), BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesRaw()
    {
        var count = 0;
        for (int page = 1, pages = 1; page <= pages; page++)
        {
            using var response = await _http.GetAsync($"wings?page={page}&pageSize={PageSize}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var envelope = Expect(await response.Content.ReadFromJsonAsync(Json.WingPageEnvelope), PagesCategory);
            count += Count(envelope.Data);
            pages = Expect(envelope.Meta, PagesCategory).TotalPages;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesConnector()
    {
        var count = 0;
        await foreach (var wing in _connector.PaginateAsync(PerCallEndpoints.ListWings(), _pagination, Json.Wing))
        {
            count++;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesConnectorReflection()
    {
        var count = 0;
        await foreach (var wing in _connector.PaginateAsync<Wing>(PerCallEndpoints.ListWings(), _pagination))
        {
            count++;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesConnectorNoPolly()
    {
        var count = 0;
        await foreach (var wing in _bareConnector.PaginateAsync(PerCallEndpoints.ListWings(), _pagination, Json.Wing))
        {
            count++;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesRefit()
    {
        var count = 0;
        for (int page = 1, pages = 1; page <= pages; page++)
        {
            var envelope = await _refit.ListWingPageAsync(page, PageSize);
            count += Count(envelope.Data);
            pages = Expect(envelope.Meta, PagesCategory).TotalPages;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesRestSharp()
    {
        var count = 0;
        for (int page = 1, pages = 1; page <= pages; page++)
        {
            var request = new RestRequest("wings").AddQueryParameter("page", page).AddQueryParameter("pageSize", PageSize);
            var envelope = Expect(await _restSharp.GetAsync<WingPageEnvelope>(request), PagesCategory);
            count += Count(envelope.Data);
            pages = Expect(envelope.Meta, PagesCategory).TotalPages;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    [Benchmark, BenchmarkCategory(PagesCategory)]
    public async Task<int> PagesFlurl()
    {
        var count = 0;
        for (int page = 1, pages = 1; page <= pages; page++)
        {
            var envelope = await _flurl.Request("wings").SetQueryParam("page", page).SetQueryParam("pageSize", PageSize).GetJsonAsync<WingPageEnvelope>();
            count += Count(envelope.Data);
            pages = Expect(envelope.Meta, PagesCategory).TotalPages;
        }

        return Expect(count, AllWings, PagesCategory);
    }

    /// <summary>Touches every item, as the connector's columns do when they count what PaginateAsync yields.</summary>
    private static int Count(List<Wing>? wings)
    {
        var count = 0;
        foreach (var wing in Expect(wings, PagesCategory))
        {
            count++;
        }

        return count;
    }
}
