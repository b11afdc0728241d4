using System.Net;

namespace CustomConnector.Tests.Responses;

/// <summary>Tests of the <see cref="ConnectorResult"/> factories.</summary>
public sealed class ConnectorResultTests
{
    [Fact]
    public void Empty_DefaultStatus_Is204()
    {
        var result = ConnectorResult.Empty<Wing>();

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        Assert.Null(result.Data);
        Assert.Null(result.Error);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public void FromData_KeepsDataAndStatus()
    {
        var wing = new Wing(1, "A");

        var result = ConnectorResult.FromData(wing, HttpStatusCode.Created);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        Assert.Same(wing, result.Data);
        Assert.Null(result.Error);
    }

    [Fact]
    public void FromData_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorResult.FromData<Wing>(null!));
    }

    [Fact]
    public void FromError_KeepsErrorStatusAndRetryAfter()
    {
        var error = new ConnectorError("503", "Down for maintenance.");

        var result = ConnectorResult.FromError<Wing>(HttpStatusCode.ServiceUnavailable, error, TimeSpan.FromSeconds(30));

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Same(error, result.Error);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        var exception = Assert.Throws<ServiceUnavailableException>(result.EnsureSuccess);
        Assert.Equal(TimeSpan.FromSeconds(30), exception.RetryAfter);
    }

    [Fact]
    public void FromError_NullError_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorResult.FromError<Wing>(HttpStatusCode.BadRequest, null!));
    }
}
