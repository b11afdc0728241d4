using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>A page's top level: the envelope's parts, and every other top-level value (the values pagination strategies look up by path).</summary>
internal sealed class EnvelopeWithValues<T> : Envelope<T>
{
    public Dictionary<string, JsonElement>? Values { get; set; }
}
