using System.Net;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Resilience;

/// <summary>The retryable statuses, checked directly (the backoff is Polly's own).</summary>
public sealed class ConnectorResilienceTests
{
    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    public void IsRetryableStatus_Status_MatchesTheTransientSet(HttpStatusCode status, bool expected)
    {
        Assert.Equal(expected, ConnectorResilience.IsRetryableStatus(status));
    }
}
