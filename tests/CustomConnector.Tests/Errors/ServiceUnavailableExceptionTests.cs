using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace CustomConnector.Tests.Errors;

public sealed class ServiceUnavailableExceptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RetryAfter_DeltaSeconds_IsRead()
    {
        using var connector = Unavailable(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)));
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ServiceUnavailableException>(() => result.GetDataOrThrow());

        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
    }

    [Fact]
    public async Task RetryAfter_HttpDate_IsMeasuredWithTheClientsTimeProvider()
    {
        var time = new FakeTimeProvider(Now);
        using var connector = Unavailable(new RetryConditionHeaderValue(Now.AddSeconds(90)), new ConnectorClientOptions { TimeProvider = time });
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ServiceUnavailableException>(result.EnsureSuccess);

        Assert.Equal(TimeSpan.FromSeconds(90), exception.RetryAfter);
    }

    [Fact]
    public async Task RetryAfter_HttpDateInThePast_IsZero()
    {
        var time = new FakeTimeProvider(Now);
        using var connector = Unavailable(new RetryConditionHeaderValue(Now.AddMinutes(-5)), new ConnectorClientOptions { TimeProvider = time });
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ServiceUnavailableException>(result.EnsureSuccess);

        Assert.Equal(TimeSpan.Zero, exception.RetryAfter);
    }

    [Fact]
    public async Task RetryAfter_NoHeader_IsNull()
    {
        using var connector = Unavailable(null);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ServiceUnavailableException>(result.EnsureSuccess);

        Assert.Null(result.RetryAfter);
        Assert.Null(exception.RetryAfter);
    }

    [Fact]
    public void Ctor_Context_TakesRetryAfter()
    {
        var exception = new ServiceUnavailableException(new ConnectorExceptionContext { StatusCode = HttpStatusCode.ServiceUnavailable, RetryAfter = TimeSpan.FromMinutes(1) });

        Assert.Equal(TimeSpan.FromMinutes(1), exception.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
    }

    private static TestConnector Unavailable(RetryConditionHeaderValue? retryAfter, ConnectorClientOptions? options = null) => new(
        _ =>
        {
            // An empty 503, as proxies send it: the status alone makes it an error.
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = retryAfter;
            return response;
        },
        options);
}
