using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>
/// Every instrument of the library, created once per <see cref="Meter"/>: the container's meter when
/// dependency injection has an <see cref="IMeterFactory"/> (so each container, and each test, measures
/// alone), else one shared static meter. The names and tags here are a contract (README, "Telemetry").
/// </summary>
/// <remarks>
/// A kernel type, so that every stage that measures (the telemetry stage, paging, token fetches) records
/// on the same instruments without knowing the others. Record only behind <c>Enabled</c>: a tag list
/// built for nobody is the allocation the lean hot path forbids.
/// </remarks>
internal sealed class ConnectorInstruments
{
    public const string ConnectorTag = "customconnector.connector";
    public const string EndpointTag = "customconnector.endpoint";
    public const string ResultTag = "customconnector.result";
    public const string AttemptsTag = "customconnector.attempts";
    public const string MethodTag = "http.request.method";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorTypeTag = "error.type";

    private static readonly string? Version = typeof(ConnectorInstruments).Assembly.GetName().Version?.ToString();

    /// <summary>The instruments of each container's meter; a meter factory hands out one meter per name, so this holds one entry per container.</summary>
    private static readonly ConditionalWeakTable<IMeterFactory, ConnectorInstruments> ByFactory = [];

    private ConnectorInstruments(Meter meter)
    {
        Meter = meter;
        CallDuration = meter.CreateHistogram<double>(
            "customconnector.client.call.duration",
            "s",
            "Duration of logical connector calls, retries, waits and reading the response included."
#if NET9_0_OR_GREATER
            , advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120] }
#endif
            );
        Retries = meter.CreateCounter<long>("customconnector.client.retries", "{retry}", "Attempts sent again after a transient failure.");
        RateLimitRejections = meter.CreateCounter<long>("customconnector.client.rate_limit.rejections", "{call}", "Calls the connector's client-side rate limit refused without sending them.");
        Pages = meter.CreateCounter<long>("customconnector.client.pages", "{page}", "Pages read while paging.");
        Items = meter.CreateCounter<long>("customconnector.client.items", "{item}", "Items read from pages.");
        TokenRequests = meter.CreateCounter<long>("customconnector.client.token.requests", "{request}", "OAuth 2.0 token requests, tagged with their outcome.");
    }

    /// <summary>Gets the instruments on the shared static meter, for clients created without dependency injection.</summary>
    public static ConnectorInstruments Shared { get; } = new(new Meter(ConnectorDiagnostics.MeterName, Version));

    public Meter Meter { get; }

    /// <summary>Gets <c>customconnector.client.call.duration</c> (s): one measurement per logical call.</summary>
    public Histogram<double> CallDuration { get; }

    /// <summary>Gets <c>customconnector.client.retries</c>: one per attempt sent again.</summary>
    public Counter<long> Retries { get; }

    /// <summary>Gets <c>customconnector.client.rate_limit.rejections</c>: one per call the client-side rate limit refused.</summary>
    public Counter<long> RateLimitRejections { get; }

    /// <summary>Gets <c>customconnector.client.pages</c>: one per page read.</summary>
    public Counter<long> Pages { get; }

    /// <summary>Gets <c>customconnector.client.items</c>: the items of the pages read.</summary>
    public Counter<long> Items { get; }

    /// <summary>Gets <c>customconnector.client.token.requests</c>: one per token request, tagged with its outcome.</summary>
    public Counter<long> TokenRequests { get; }

    /// <summary>Returns the instruments of <paramref name="meterFactory"/>'s meter, or <see cref="Shared"/> when there is no factory.</summary>
    public static ConnectorInstruments For(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return Shared;
        }

        // Cached per factory, not per meter: a factory need not return the same meter twice, and two sets of
        // instruments of one name under one factory would split a measurement stream between them.
        return ByFactory.GetValue(meterFactory, static factory => new ConnectorInstruments(factory.Create(new MeterOptions(ConnectorDiagnostics.MeterName) { Version = Version })));
    }
}
