using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// A real token endpoint that stalls half way through its answer: the token request's own time limit
/// ends the fetch, and the stall does not outlive it. Kestrel runs on real time, so the limit here is
/// real but short; every other wait is a safety bound.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class OAuth2TokenEndpointTests(TestServerFixture servers)
{
    private const string Data = """{"data": {"id": 1, "name": "wing"}}""";

    // Short, because Kestrel forces real time; long enough for a loopback answer on a loaded machine.
    private static readonly TimeSpan TokenRequestTimeout = TimeSpan.FromSeconds(2);

    private LoopbackServer Primary => servers.Primary;

    [Fact]
    public async Task SendAsync_TokenEndpointStallsAfterHalfItsBody_TimesOutWithinTheLimitAndRecoversAtOnce()
    {
        using var stall = new ServerGate();
        var healthy = 0;
        var tokenPath = Primary.Map(async context =>
        {
            if (Volatile.Read(ref healthy) == 1)
            {
                await Reply.Json(200, """{"access_token":"fresh-token","token_type":"Bearer","expires_in":3600}""")(context);
                return;
            }

            // Headers and half a JSON body, flushed, then nothing until the test lets go (or the client leaves).
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("""{"access_token":"half-"""), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await stall.WaitAsync(context);
        });
        var apiPath = Primary.Map(Reply.Json(200, Data));
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = Primary.Url(tokenPath),
            ClientId = "client",
            ClientSecret = "client-s3cret",
            TokenRequestTimeout = TokenRequestTimeout,
        };
        options.Resilience.MaxRetries = 1;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(20);
        using var provider = new OAuth2ClientCredentialsProvider(options);
        using var client = servers.CreateClient(o => o.Authentication = provider);
        var endpoint = ConnectorEndpoint.Get(apiPath).Build();

        var watch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout());
        var failedAfter = watch.Elapsed;

        // The endpoint answers again (the stalled responses are still held): the next call gets a token at once.
        Volatile.Write(ref healthy, 1);
        var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.IsType<TimeoutException>(exception.InnerException);
        Assert.Equal(2, exception.Attempts);
        Assert.Contains(tokenPath, exception.Message, StringComparison.Ordinal);
        Assert.Contains("token request timeout", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-s3cret", exception.ToString(), StringComparison.Ordinal);

        // Two attempts, each ended by its limit; far less than the stall, which only the test ends.
        Assert.InRange(failedAfter, TokenRequestTimeout * 2 * 0.9, TimeSpan.FromSeconds(15));
        Assert.True(result.IsData);
        Assert.Equal(3, Primary.RequestsTo(tokenPath).Count);
        Assert.Equal("Bearer fresh-token", Assert.Single(Primary.RequestsTo(apiPath)).Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_OAuth2FromAuthenticationSettingsInCode_FetchesOneTokenThroughItsOwnClient()
    {
        var tokenPath = Primary.Map(Reply.Json(200, """{"access_token":"settings-token","token_type":"Bearer","expires_in":3600}"""));
        var apiPath = Primary.Map(Reply.Json(200, Data));
        using var client = servers.CreateClient(o =>
        {
            o.AuthenticationSettings.Type = ConnectorAuthenticationType.OAuth2ClientCredentials;
            o.AuthenticationSettings.OAuth2.TokenEndpoint = Primary.Url(tokenPath);
            o.AuthenticationSettings.OAuth2.ClientId = "client";
            o.AuthenticationSettings.OAuth2.ClientSecret = "client-s3cret";
        });
        var endpoint = ConnectorEndpoint.Get(apiPath).Build();

        var first = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();
        var second = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(first.IsData);
        Assert.True(second.IsData);
        Assert.Single(Primary.RequestsTo(tokenPath));
        Assert.All(Primary.RequestsTo(apiPath), request => Assert.Equal("Bearer settings-token", request.Header("Authorization")));
    }
}
