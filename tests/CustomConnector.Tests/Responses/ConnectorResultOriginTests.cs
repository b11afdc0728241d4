using System.Net;
using CustomConnector.Tests.Resilience;

namespace CustomConnector.Tests.Responses;

/// <summary>
/// An empty or error result keeps the call's descriptor (not a copy of what describes it), so the exception it
/// makes later must still describe that call as it ended: its endpoint, its redacted URI, every attempt.
/// </summary>
public sealed class ConnectorResultOriginTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7?api_key=s3cret").WithName("getWing").Build();

    [Fact]
    public async Task ToException_ErrorAfterARetry_DescribesTheCallWithEveryAttemptAndNoSecret()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.InternalServerError, HttpStatusCode.NotFound);
        var time = new WatchedTime();
        using var client = api.CreateClient(time, o =>
        {
            o.Authentication = new ApiKeyProvider("api_key", "s3cret", ApiKeyLocation.Query);
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Resilience.AttemptTimeout = Timeout.InfiniteTimeSpan;
        });

        var call = client.SendAsync(GetWing, TestJsonContext.Default.Wing);
        var backoff = await time.TimerAsync(0);
        time.Advance(backoff.DueTime);
        var result = await call.WaitAsync(WatchedTime.SafetyTimeout);

        var exception = Assert.IsType<NotFoundException>(result.ToException());
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, exception.Attempts);
        Assert.Equal("getWing", exception.EndpointName);
        Assert.Equal(HttpMethod.Get, exception.Method);
        Assert.Contains("wings/7", exception.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.RequestUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDataOrThrow_Empty_NamesTheCall()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.NoContent);
        using var client = api.CreateClient(new WatchedTime());

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.True(result.IsEmpty);
        var exception = Assert.ThrowsAny<ConnectorException>(() => result.GetDataOrThrow());
        Assert.Contains("getWing", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, exception.Attempts);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToException_ResultFromTheParser_DescribesTheRequestItWasGiven()
    {
        // A response the library did not send has no call descriptor: the result keeps the origin itself.
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.test/v1/wings");
        using var response = ScriptedApi.Status(HttpStatusCode.BadRequest);
        response.RequestMessage = request;

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        var exception = Assert.IsType<BadRequestException>(result.ToException());
        Assert.Equal(HttpMethod.Post, exception.Method);
        Assert.Equal("https://api.test/v1/wings", exception.RequestUri!.AbsoluteUri);
        Assert.Equal(0, exception.Attempts);
    }
}
