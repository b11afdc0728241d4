using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CustomConnector.Tests.Authentication;

/// <summary>Faults at the token endpoint: stalls, transient failures and their retries, and what each failure is called.</summary>
public sealed partial class OAuth2ClientCredentialsProviderTests
{
    // Distinct from every retry delay below, so that a test tells a token request's limit from a backoff timer.
    private static readonly TimeSpan TokenRequestLimit = TimeSpan.FromSeconds(77);

    // ---- The token request's own time limit ---------------------------------------------------

    [Fact]
    public async Task SendAsync_TokenBodyStallsHalfWay_FailsWithTokenEndpointExceptionAtTheLimitThenRecovers()
    {
        using var h = new Harness();
        h.Options.TokenRequestTimeout = TokenRequestLimit;
        h.Options.Resilience.MaxRetries = 0;
        var stalled = new HangingStream(Encoding.UTF8.GetBytes("""{"access_token":"tok"""));
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? StalledBody(stalled) : TokenResponse($"token-{n}", 3600));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var call = SendAsync(client);
        await stalled.Stalled.WaitAsync(HangGuard);
        var limit = await h.Time.TimerAsync(0);
        h.Time.Advance(TokenRequestLimit - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => call.WaitAsync(HangGuard));

        // The endpoint answers again: the next call gets a token at once, with no time passing.
        var next = await SendAsync(client).WaitAsync(HangGuard);

        Assert.Equal(TokenRequestLimit, limit.DueTime);
        Assert.IsType<TimeoutException>(exception.InnerException);
        Assert.Contains(TokenUrl, exception.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer within the token request timeout of 00:01:17", exception.Message, StringComparison.Ordinal);
        Assert.True(next.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Fact]
    public async Task SendAsync_TokenHeadersNeverCome_TimesOutAndRetriesWithinTheLimit()
    {
        using var h = new Harness();
        h.Options.TokenRequestTimeout = TokenRequestLimit;
        h.Options.Resilience.MaxRetries = 1;
        h.Options.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
        h.Options.Resilience.MaxDelay = TimeSpan.FromSeconds(2);
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.TokenResponder = (n, _) => n == 1 ? never.Task : Task.FromResult(TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());

        var call = SendAsync(client);
        Assert.Equal(TokenRequestLimit, (await h.Time.TimerAsync(0)).DueTime);
        h.Time.Advance(TokenRequestLimit);
        var delay = await h.Time.TimerAsync(1);
        h.Time.Advance(delay.DueTime);
        var result = await call.WaitAsync(HangGuard);

        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.True(h.TokenRequestTokens.First().IsCancellationRequested);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_EveryWaiterGivesUpOnAStalledBody_NextCallDoesNotWaitForIt()
    {
        using var h = new Harness();
        var stalled = new HangingStream(Encoding.UTF8.GetBytes("""{"access_token":"""));
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? StalledBody(stalled) : TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        // Two callers wait for the same stalled request, and both give up.
        var a = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, first.Token);
        await stalled.Stalled.WaitAsync(HangGuard);
        var b = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, second.Token);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(HangGuard));
        Assert.False(stalled.Cancelled.IsCompleted, "One waiter giving up cancelled the request the other still waits for.");
        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.WaitAsync(HangGuard));

        var next = await SendAsync(client).WaitAsync(HangGuard);

        // The abandoned request stopped reading: it holds no connection for a token nobody wants.
        await stalled.Cancelled.WaitAsync(HangGuard);
        Assert.True(next.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_CallerGivesUpDuringRetryDelay_NextCallStartsAFreshFetchAtOnce()
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());
        using var cancelling = new CancellationTokenSource();

        var impatient = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, cancelling.Token);
        var delay = await h.Time.TimerAsync(1);
        await cancelling.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WaitAsync(HangGuard));
        var next = await SendAsync(client).WaitAsync(HangGuard);

        Assert.False(delay.Fired);
        Assert.True(next.IsData);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    // ---- Retries ----------------------------------------------------------------------------

    [Fact]
    public async Task SendAsync_TokenEndpoint503Twice_RetriesAndTheApiCallSucceeds()
    {
        using var h = new Harness();
        h.Options.TokenRequestTimeout = TokenRequestLimit;
        h.Options.Resilience.BaseDelay = TimeSpan.FromSeconds(1);
        h.Options.Resilience.MaxDelay = TimeSpan.FromSeconds(4);
        h.TokenResponder = (n, _) => Task.FromResult(n <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());

        var call = SendAsync(client);

        // Timers in order: request 1's limit, backoff, request 2's limit, backoff, request 3's limit.
        var firstDelay = await h.Time.TimerAsync(1);
        Assert.Single(h.TokenRequests);
        h.Time.Advance(firstDelay.DueTime);
        var secondDelay = await h.Time.TimerAsync(3);
        Assert.Equal(2, h.TokenRequests.Count);
        h.Time.Advance(secondDelay.DueTime);
        var result = await call.WaitAsync(HangGuard);

        Assert.NotEqual(TokenRequestLimit, firstDelay.DueTime);
        Assert.InRange(firstDelay.DueTime, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.InRange(secondDelay.DueTime, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.True(result.IsData);
        Assert.Equal(3, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-3"], h.ApiAuthorizations);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendAsync_TransientStatusOnEveryRequest_ThrowsTokenEndpointExceptionAfterTheRetries(HttpStatusCode status)
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 2;
        h.TokenResponder = (_, _) => Task.FromResult(Json(status, """{"error":"temporarily_unavailable","error_description":"Try later"}"""));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var call = SendAsync(client);
        h.Time.Advance((await h.Time.TimerAsync(1)).DueTime);
        h.Time.Advance((await h.Time.TimerAsync(3)).DueTime);
        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => call.WaitAsync(HangGuard));

        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(3, exception.Attempts);
        Assert.Equal("temporarily_unavailable", exception.Error?.Code);
        Assert.Contains(TokenUrl, exception.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.TokenRequests.Count);
        Assert.Empty(h.ApiRequests);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefusedOnce_RetriesAndSucceeds()
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => n == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (auth.test:443)")
            : Task.FromResult(TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());

        var call = SendAsync(client);
        h.Time.Advance((await h.Time.TimerAsync(1)).DueTime);
        var result = await call.WaitAsync(HangGuard);

        Assert.True(result.IsData);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_CertificateRefused_IsNotRetried()
    {
        using var h = new Harness();
        h.TokenResponder = (_, _) => throw new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid."));
        var client = h.CreateClient(h.CreateProvider());

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.IsType<HttpRequestException>(exception.InnerException);
        Assert.Single(h.TokenRequests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    public async Task SendAsync_NonTransientStatusThatIsNoRefusal_ThrowsTokenEndpointExceptionWithoutRetrying(HttpStatusCode status)
    {
        using var h = new Harness();
        h.TokenResponder = (_, _) => Task.FromResult(new HttpResponseMessage(status));
        var client = h.CreateClient(h.CreateProvider());

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.Equal(status, exception.StatusCode);
        Assert.Single(h.TokenRequests);
        Assert.Empty(h.ApiRequests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_503WithRetryAfter_WaitsExactlyThatLong(bool asHttpDate)
    {
        using var h = new Harness();
        h.Options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(100);
        h.Options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(200);
        var wait = TimeSpan.FromSeconds(7);
        h.TokenResponder = (n, _) =>
        {
            if (n > 1)
            {
                return Task.FromResult(TokenResponse($"token-{n}", 3600));
            }

            var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            busy.Headers.RetryAfter = asHttpDate ? new RetryConditionHeaderValue(h.Time.GetUtcNow() + wait) : new RetryConditionHeaderValue(wait);
            return Task.FromResult(busy);
        };
        var client = h.CreateClient(h.CreateProvider());

        var call = SendAsync(client);
        var delay = await h.Time.TimerAsync(1);
        h.Time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.Single(h.TokenRequests);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call.WaitAsync(HangGuard);

        Assert.Equal(wait, delay.DueTime);
        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondMaxRetryAfter_StopsAtOnce()
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(30);
        h.TokenResponder = (n, _) =>
        {
            var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return Task.FromResult(n == 1 ? busy : TokenResponse($"token-{n}", 3600));
        };
        var client = h.CreateClient(h.CreateProvider());

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
        Assert.Contains("MaxRetryAfter", exception.Message, StringComparison.Ordinal);
        Assert.Single(h.TokenRequests);
        Assert.Empty(h.ApiRequests);
    }

    [Fact]
    public async Task SendAsync_RetriesTurnedOff_FailsOnTheFirst503()
    {
        using var h = new Harness();
        h.Options.Resilience.Enabled = false;
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Single(h.TokenRequests);
    }

    // ---- The connector surfaces the provider's failure as it is --------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_TokenFetchFailsAfterItsRetries_ConnectorNeitherWrapsNorRetriesIt(bool circuitBreaker)
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 1;
        h.TokenResponder = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider, options =>
        {
            // The connector retries 3 times by default, on the system clock: a retry would multiply the token requests.
            options.Resilience.MaxRetries = 3;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(1);
            options.Resilience.CircuitBreaker.Enabled = circuitBreaker;
        });

        var call = SendAsync(client);
        h.Time.Advance((await h.Time.TimerAsync(1)).DueTime);
        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => call.WaitAsync(HangGuard));

        Assert.Null(exception.InnerException);
        Assert.Equal(2, exception.Attempts);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(3, h.Time.TimerCount); // two token request limits and one backoff: nothing was started again
        Assert.Empty(h.ApiRequests);
    }

    [Theory]
    [InlineData("refusal")]
    [InlineData("server error")]
    [InlineData("unreachable")]
    [InlineData("no token")]
    [InlineData("timed out")]
    public async Task SendAsync_TokenFetchFails_NoRequestGoesToTheApi(string fault)
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 0;
        h.Options.TokenRequestTimeout = TokenRequestLimit;
        var never = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.TokenResponder = (_, _) => fault switch
        {
            "refusal" => Task.FromResult(Json(HttpStatusCode.BadRequest, """{"error":"invalid_client"}""")),
            "server error" => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)),
            "unreachable" => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"),
            "no token" => Task.FromResult(Json(HttpStatusCode.OK, "{}")),
            _ => never.Task,
        };
        var client = h.CreateClient(h.CreateProvider());

        var call = SendAsync(client);
        if (fault == "timed out")
        {
            h.Time.Advance((await h.Time.TimerAsync(0)).DueTime);
        }

        var exception = await Assert.ThrowsAnyAsync<ConnectorException>(() => call.WaitAsync(HangGuard));

        Assert.Equal(fault == "refusal" ? typeof(UnauthorizedException) : typeof(TokenEndpointException), exception.GetType());
        Assert.Single(h.TokenRequests);
        Assert.Empty(h.ApiRequests);
    }

    // ---- Settings ---------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5_000_000_000)]
    public void Ctor_TokenRequestTimeoutOutOfRange_ThrowsArgumentExceptionNamingIt(long milliseconds)
    {
        var options = ValidOptions();
        options.TokenRequestTimeout = TimeSpan.FromMilliseconds(milliseconds);

        var exception = AssertInvalid(options);

        Assert.Contains("OAuth2ClientCredentialsOptions.TokenRequestTimeout", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_InfiniteTokenRequestTimeout_IsRefused()
    {
        var options = ValidOptions();
        options.TokenRequestTimeout = Timeout.InfiniteTimeSpan;

        var exception = AssertInvalid(options);

        Assert.Contains("always has a time limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_InvalidRetrySetting_ThrowsArgumentExceptionNamingIt()
    {
        var options = ValidOptions();
        options.Resilience.MaxRetries = -1;

        var exception = AssertInvalid(options);

        Assert.Contains("OAuth2ClientCredentialsOptions.Resilience:MaxRetries is -1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctor_NoTokenRequestTimeout_UsesTheLibraryDefaultOf100Seconds()
    {
        using var h = new Harness();
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client).WaitAsync(HangGuard);

        Assert.Equal(TimeSpan.FromSeconds(100), (await h.Time.TimerAsync(0)).DueTime);
        Assert.Null(new OAuth2ClientCredentialsOptions().TokenRequestTimeout);
        Assert.Equal(3, new OAuth2ClientCredentialsOptions().Resilience.MaxRetries);
    }

    private static HttpResponseMessage StalledBody(HangingStream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
