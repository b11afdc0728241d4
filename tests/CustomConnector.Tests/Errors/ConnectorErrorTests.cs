namespace CustomConnector.Tests.Errors;

public sealed class ConnectorErrorTests
{
    [Fact]
    public void Ctor_NullArgument_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ConnectorError(null!, "d"));
        Assert.Throws<ArgumentNullException>(() => new ConnectorError("c", null!));
    }

    [Fact]
    public void ToString_WithDescription_IsCodeAndDescription()
    {
        Assert.Equal("400: Bad Request: Invalid input data.", new ConnectorError("400", "Bad Request: Invalid input data.").ToString());
        Assert.Equal("invalid_client", new ConnectorError("invalid_client", string.Empty).ToString());
    }
}
