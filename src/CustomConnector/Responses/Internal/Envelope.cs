namespace CustomConnector.Internal;

/// <summary>The top level of a 2xx body: the payload and/or the error, and which of them were present.</summary>
internal class Envelope<T>
{
    public T? Data { get; set; }

    public bool HasData { get; set; }

    /// <summary>Gets or sets a value indicating whether the data property held JSON null (which a value-type <see cref="Data"/> cannot show).</summary>
    public bool DataIsNull { get; set; }

    public ConnectorError? Error { get; set; }

    public bool HasError { get; set; }
}
