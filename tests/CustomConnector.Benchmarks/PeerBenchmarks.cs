using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Flurl.Http;
using Flurl.Http.Configuration;
using Refit;
using RestSharp;
using RestSharp.Serializers.Json;

namespace CustomConnector.Benchmarks;

/// <summary>
/// CustomConnector side by side with the libraries a user would otherwise pick, one scenario per
/// category, each against raw <see cref="HttpClient"/> with source-generated System.Text.Json (the
/// floor, the baseline of its category). The API runs in another process (<see cref="ApiServerProcess"/>),
/// so the allocated bytes are the client's alone.
/// </summary>
/// <remarks>
/// Every column goes through one shared <see cref="HttpClient"/> (redirects off), deserializes into
/// the same types, and gets <see cref="BenchmarkJsonContext"/>'s options: Refit through its
/// source-generated client, RestSharp and Flurl through their System.Text.Json serializers. The
/// connector is used as the README teaches: one client with the default resilience pipeline, the
/// endpoint built per call (<see cref="PerCallEndpoints"/>). Each method checks its answer and throws
/// when it is wrong, so that the dry run in CI proves every column still talks to the API correctly.
/// A seventh column, <c>...ConnectorNoPolly</c>, runs the connector with no Polly strategy (resilience off, no
/// total timeout): not a way the README teaches, but what separates the library's own cost from the stock strategies'.
/// Files: one per scenario (PeerBenchmarks.Scenario.cs), the same seven columns in each.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ShortRunConfig))]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public partial class PeerBenchmarks
{
    private const string GetWingCategory = "GET wings/{id}";
    private const string CreateWingCategory = "POST wings";
    private const string NotFoundCategory = "GET 404 envelope";
    private const string NoContentCategory = "POST 204 empty";
    private const string ListCategory = "GET 10,000 items";
    private const string PagesCategory = "100 pages of 100";

    private const int PageSize = LoopbackApi.PageSize;

    private static readonly BenchmarkJsonContext Json = BenchmarkJsonContext.Default;
    private static readonly WingInput Input = new("Delta Wing");

    // Fields, not constants, so that every column formats its path parameter per call.
    private readonly int _wingId = 1001;
    private readonly int _missingId = 7;

    private HttpClient _http = null!;
    private ConnectorClient _connector = null!;
    private ConnectorClient _bareConnector = null!;
    private IPaginationStrategy _pagination = null!;
    private IWingsApi _refit = null!;
    private RestClient _restSharp = null!;
    private FlurlClient _flurl = null!;

    [GlobalSetup]
    public void Setup() => SetupOver(new SocketsHttpHandler { AllowAutoRedirect = false }, ApiServerProcess.RunAddress);

    /// <summary>Creates the columns over <see cref="CannedWingsHandler"/>, for the in-process probes (dispose with <see cref="Cleanup"/>).</summary>
    public static PeerBenchmarks OverCannedApi()
    {
        var benchmarks = new PeerBenchmarks();
        benchmarks.SetupOver(new CannedWingsHandler(), new Uri("http://127.0.0.1:5000/api/v1/"));
        return benchmarks;
    }

    /// <summary>Sets every column up over <paramref name="handler"/>: the socket to the API's process, or <see cref="CannedWingsHandler"/> for the exact probe.</summary>
    public void SetupOver(HttpMessageHandler handler, Uri baseAddress)
    {
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
        _connector = new ConnectorClient(_http, new ConnectorClientOptions { BaseAddress = baseAddress });

        // Not how the README teaches: no Polly strategy at all (resilience off, no total timeout), to show what the
        // library's own stages cost beside what the stock strategies cost.
        _bareConnector = new ConnectorClient(_http, new ConnectorClientOptions { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan, Resilience = { Enabled = false } });
        _pagination = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: PageSize, totalPagesPath: "meta.totalPages");
        _refit = RestService.ForGenerated<IWingsApi>(_http, Json);
        _restSharp = new RestClient(_http, new RestClientOptions(baseAddress), disposeHttpClient: false, configureSerialization: s => s.UseSystemTextJson(Json.Options));
        _flurl = new FlurlClient(_http, baseAddress.ToString());
        _flurl.Settings.JsonSerializer = new DefaultJsonSerializer(Json.Options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _flurl.Dispose();
        _restSharp.Dispose();
        _connector.Dispose();
        _bareConnector.Dispose();
        _http.Dispose();
    }

    private static T Expect<T>(T? value, string scenario)
        where T : class =>
        value ?? throw new InvalidOperationException($"{scenario}: no value came back.");

    private static T Expect<T>(T value, T expected, string scenario) =>
        EqualityComparer<T>.Default.Equals(value, expected) ? value : throw new InvalidOperationException($"{scenario}: expected {expected}, got {value}.");
}
