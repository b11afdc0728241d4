using System.Diagnostics.Metrics;

namespace CustomConnector.Internal;

/// <summary>
/// Token cache metrics on the connectors' meter (<see cref="ConnectorDiagnostics.MeterName"/>), tagged
/// with the store that answered (<c>redis</c> or <c>local</c> while Redis is unreachable) and, for lock
/// waits, how the wait ended. Low cardinality: no key, token or connector value beyond its name.
/// </summary>
internal static class RedisTelemetry
{
    public const string StoreTag = "customconnector.token_cache.store";
    public const string ResultTag = "customconnector.token_cache.lock_result";
    public const string ConnectorTag = "customconnector.connector";

    private static readonly Meter Meter = new(ConnectorDiagnostics.MeterName, typeof(RedisTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Hits = Meter.CreateCounter<long>(
        "customconnector.token_cache.hits", unit: "{lookup}", description: "OAuth token lookups answered from the token cache.");

    public static readonly Counter<long> Misses = Meter.CreateCounter<long>(
        "customconnector.token_cache.misses", unit: "{lookup}", description: "OAuth token lookups that found no usable token in the token cache.");

    public static readonly Counter<long> LockWaits = Meter.CreateCounter<long>(
        "customconnector.token_cache.lock_waits", unit: "{wait}", description: "Times an instance waited for another instance's token request.");
}
