using System.Collections;

namespace CustomConnector.Internal;

/// <summary>
/// The logging scope around one call: the connector's and the endpoint's names, so that what the host
/// logs inside the call (a delegating handler, a custom authentication provider) carries them too.
/// Keys match the activity's and the metrics' tags.
/// </summary>
/// <remarks>Created only when the connector's logger is enabled; names only, never a URI or a value of the request.</remarks>
internal sealed class CallScope(string? connector, string? endpoint) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => connector is null ? 1 : 2;

    public KeyValuePair<string, object?> this[int index] => (index, connector) switch
    {
        (0, null) or (1, not null) => new(ConnectorInstruments.EndpointTag, endpoint),
        (0, not null) => new(ConnectorInstruments.ConnectorTag, connector),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => connector is null ? $"Endpoint {endpoint}" : $"Connector {connector}, endpoint {endpoint}";
}
