namespace CustomConnector.Tests;

/// <summary>A body the tests change between two sends, to prove it is serialized at send time.</summary>
public sealed class MutableOrder
{
    public string CustomerName { get; set; } = string.Empty;
}
