using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>One page's body: its items, the error it may carry, and every other top-level value (for strategy paths).</summary>
internal sealed class PageEnvelope<T>
{
    public List<T>? Data { get; set; }

    public bool HasData { get; set; }

    public ConnectorError? Error { get; set; }

    public Dictionary<string, JsonElement>? Values { get; set; }
}
