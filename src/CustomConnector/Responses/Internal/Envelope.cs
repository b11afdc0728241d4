namespace CustomConnector.Internal;

/// <summary>The top level of a 2xx body: the payload and/or the error, and which of them were present.</summary>
internal sealed class Envelope<T>
{
    public T? Data { get; set; }

    public bool HasData { get; set; }

    public ConnectorError? Error { get; set; }

    public bool HasError { get; set; }
}
