using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Tests.Errors;

public sealed class TooManyRequestsExceptionTests
{
    [Fact]
    public async Task RetryAfter_DeltaSeconds_IsRead()
    {
        using var connector = RateLimited(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<TooManyRequestsException>(() => result.GetDataOrThrow());

        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
        Assert.Equal("Slow down.", exception.Error!.Description);
    }

    [Fact]
    public async Task RetryAfter_HttpDate_IsMeasuredWithTheClientsTimeProvider()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        using var connector = RateLimited(new RetryConditionHeaderValue(now.AddMinutes(2)), new ConnectorClientOptions { TimeProvider = time });
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<TooManyRequestsException>(result.EnsureSuccess);

        Assert.Equal(TimeSpan.FromMinutes(2), exception.RetryAfter);
    }

    [Fact]
    public void Ctor_Context_TakesRetryAfter()
    {
        var exception = new TooManyRequestsException(new ConnectorExceptionContext { StatusCode = HttpStatusCode.TooManyRequests, RetryAfter = TimeSpan.FromSeconds(3) });

        Assert.Equal(TimeSpan.FromSeconds(3), exception.RetryAfter);
    }

    private static TestConnector RateLimited(RetryConditionHeaderValue retryAfter, ConnectorClientOptions? options = null) => new(
        _ =>
        {
            var response = TestConnector.Json(HttpStatusCode.TooManyRequests, """{"error": {"code": "429", "description": "Slow down."}}""");
            response.Headers.RetryAfter = retryAfter;
            return response;
        },
        options);
}
