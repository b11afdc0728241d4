using System.Net;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Resilience;

/// <summary>The backoff formula and the retryable statuses, checked directly.</summary>
public sealed class ConnectorResilienceTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 0.0, 375)]
    [InlineData(0, 0.5, 500)]
    [InlineData(0, 1.0, 625)]
    [InlineData(1, 0.0, 750)]
    [InlineData(1, 0.5, 1000)]
    [InlineData(1, 1.0, 1250)]
    [InlineData(2, 0.5, 2000)]
    [InlineData(5, 0.5, 16000)]
    [InlineData(6, 0.0, 22500)] // 32 s capped to 30 s, then -25%
    [InlineData(6, 0.5, 30000)]
    [InlineData(6, 1.0, 30000)] // +25% would pass the cap: held at MaxDelay
    [InlineData(40, 0.0, 22500)]
    public void ComputeDelay_RetryAndRandom_GivesExactExponentialDelayWithJitter(int retry, double random, int expectedMs)
    {
        var options = new ConnectorResilienceOptions { BaseDelay = Base, MaxDelay = Cap };

        var delay = ConnectorResilience.ComputeDelay(options, retry, random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void ComputeDelay_ManyRandomDraws_StayWithinQuarterJitterOfCappedExponentialAndNeverAboveMaxDelay()
    {
        var random = new Random(4);
        var options = new ConnectorResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(10) };
        for (var retry = 0; retry <= 100; retry++)
        {
            var nominal = Math.Min(200 * Math.Pow(2, Math.Min(retry, 30)), 10_000);
            for (var draw = 0; draw < 200; draw++)
            {
                var delay = ConnectorResilience.ComputeDelay(options, retry, random.NextDouble()).TotalMilliseconds;

                Assert.InRange(delay, (0.75 * nominal) - 0.001, (1.25 * nominal) + 0.001);
                Assert.True(delay <= 10_000, $"retry {retry}: {delay} ms is above MaxDelay");
            }
        }
    }

    [Fact]
    public void ComputeDelay_ZeroBaseDelay_IsZero()
    {
        var options = new ConnectorResilienceOptions { BaseDelay = TimeSpan.Zero };

        Assert.Equal(TimeSpan.Zero, ConnectorResilience.ComputeDelay(options, 3, 0.9));
    }

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
