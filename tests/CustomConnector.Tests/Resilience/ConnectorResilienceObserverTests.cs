using System.Net;
using CustomConnector.Internal;
using Polly;

namespace CustomConnector.Tests.Resilience;

/// <summary>The resilience stage alone: its events reach the telemetry stage through the observer, and Retry-After sets the wait.</summary>
public sealed class ConnectorResilienceObserverTests
{
    [Fact]
    public async Task AttemptPipeline_TransientStatus_ReportsTheRetryToTheObserverWithTheServersRetryAfter()
    {
        var observer = new RecordingObserver();
        var time = new WatchedTime();
        using var resilience = new ConnectorResilience(new ConnectorResilienceOptions { MaxRetries = 1, AttemptTimeout = Timeout.InfiniteTimeSpan }, time, observer);
        var call = new ConnectorCall("getWing", HttpMethod.Get, new Uri("https://api.test/wings/7"), new ConnectorExceptionMap(), RedactionPolicy.Default) { CanRepeat = true };
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(ConnectorResilience.CallKey, call);
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);

        var running = resilience.GetAttemptPipeline(null)!.ExecuteAsync(
            static (_, state) =>
            {
                state.Call.Attempts++;
                var response = new HttpResponseMessage(state.Answers.Dequeue());
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                }

                return ValueTask.FromResult(response);
            },
            context,
            (Call: call, Answers: answers)).AsTask();
        var wait = await time.TimerAsync(0);
        Assert.Equal(TimeSpan.FromSeconds(7), wait.DueTime);
        time.Advance(wait.DueTime);
        using var response = await running.WaitAsync(WatchedTime.SafetyTimeout);
        ResilienceContextPool.Shared.Return(context);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var retry = Assert.Single(observer.Retries);
        Assert.Equal("503", retry.Tag);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
    }

    private sealed class RecordingObserver : IResilienceObserver
    {
        public List<(string Tag, TimeSpan Delay)> Retries { get; } = [];

        public void RetryScheduled(ConnectorCall call, string reasonTag, string reason, TimeSpan delay) => Retries.Add((reasonTag, delay));

        public void RetryAfterTooLong(ConnectorCall call, TimeSpan retryAfter, TimeSpan limit)
        {
        }

        public void RateLimitRejected(ConnectorCall call, TimeSpan? retryAfter)
        {
        }

        public void CircuitOpened(TimeSpan breakDuration)
        {
        }

        public void CircuitClosed()
        {
        }
    }
}
