namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>A success in the connector convention: <c>{"data": ...}</c>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
internal sealed record DataEnvelope<T>(T Data);
