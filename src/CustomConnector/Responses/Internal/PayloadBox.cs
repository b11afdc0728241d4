namespace CustomConnector.Internal;

/// <summary>Holds a value-type payload, so that JSON null can arrive as a null box instead of failing.</summary>
internal sealed class PayloadBox<T>(T value)
{
    public T Value { get; } = value;
}
