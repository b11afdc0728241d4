using System.Net;
using CustomConnector.Internal;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CustomConnector.Tests.Resilience;

/// <summary>The resilience stage's translation, checked alone: which timeout ran out, an open circuit, and what is not its own.</summary>
public sealed class ResilienceFailureTests
{
    private static readonly ConnectorRateLimitOptions RateLimit = new();

    [Fact]
    public void Translate_TimeoutAfterTheTotalBudgetRanOut_IsATotalTimeoutCausedByTheCancellation()
    {
        var call = NewCall();
        call.TotalTimedOut = true;
        var cancelled = new OperationCanceledException();

        var exception = Assert.IsType<ConnectorTimeoutException>(ResilienceFailure.Translate(new TimeoutRejectedException("late", TimeSpan.FromSeconds(5), cancelled), call, TimeSpan.FromSeconds(10), RateLimit, TimeProvider.System));

        Assert.Equal(ConnectorTimeoutKind.Total, exception.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), exception.Timeout);
        Assert.Same(cancelled, exception.InnerException);
    }

    [Fact]
    public void Translate_TimeoutOfAnAttempt_IsAnAttemptTimeoutWithItsLimit()
    {
        var exception = Assert.IsType<ConnectorTimeoutException>(ResilienceFailure.Translate(new TimeoutRejectedException("late", TimeSpan.FromSeconds(2)), NewCall(), TimeSpan.FromSeconds(10), RateLimit, TimeProvider.System));

        Assert.Equal(ConnectorTimeoutKind.Attempt, exception.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), exception.Timeout);
    }

    [Fact]
    public void Translate_OpenCircuit_IsServiceUnavailableSayingNothingWasSent()
    {
        var exception = Assert.IsType<ServiceUnavailableException>(ResilienceFailure.Translate(new BrokenCircuitException(), NewCall(), TimeSpan.FromSeconds(10), RateLimit, TimeProvider.System));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Contains("was not sent", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_AnotherStagesFailure_IsLeftAlone()
    {
        Assert.Null(ResilienceFailure.Translate(new HttpRequestException("reset"), NewCall(), TimeSpan.FromSeconds(10), RateLimit, TimeProvider.System));
    }

    private static ConnectorCall NewCall() =>
        new("getWing", HttpMethod.Get, new Uri("https://api.test/wings/7"), new ConnectorExceptionMap(), RedactionPolicy.Default);
}
