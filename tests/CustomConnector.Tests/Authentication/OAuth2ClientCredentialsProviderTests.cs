using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Web;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Authentication;

public sealed partial class OAuth2ClientCredentialsProviderTests
{
    private const string TokenUrl = "https://auth.test/oauth/token";
    private const string ApiBase = "https://api.test/v1/";
    private const string ClientId = "connector-client";
    private const string ClientSecret = "s3cr3t-Q7x9Zt2Lm-do-not-log";

    // Only a guard against a hung test; every wait below normally completes at once.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static readonly IConnectorEndpoint GetWidget = ConnectorEndpoint.Get("widgets/1").WithName("getWidget").Build();

    // ---- Constructor validation -------------------------------------------------------------

    [Fact]
    public void Ctor_NullOptions_ThrowsArgumentNullException()
    {
        using var http = new HttpClient();

        var exception = Assert.Throws<ArgumentNullException>(() => new OAuth2ClientCredentialsProvider(null!, http, new FakeTimeProvider()));

        Assert.Equal("options", exception.ParamName);
    }

    [Fact]
    public void Ctor_NullTokenClient_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new OAuth2ClientCredentialsProvider(ValidOptions(), null!, new FakeTimeProvider()));

        Assert.Equal("tokenClient", exception.ParamName);
    }

    [Fact]
    public void Ctor_MissingTokenEndpoint_ThrowsArgumentExceptionNamingIt()
    {
        var options = ValidOptions();
        options.TokenEndpoint = null;

        var exception = AssertInvalid(options);

        Assert.Contains("TokenEndpoint is required", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("oauth/token")]
    public void Ctor_RelativeTokenEndpoint_ThrowsArgumentExceptionAskingForAbsoluteUri(string relative)
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri(relative, UriKind.Relative);

        var exception = AssertInvalid(options);

        Assert.Contains("TokenEndpoint", exception.Message, StringComparison.Ordinal);
        Assert.Contains("absolute http(s) URI", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://auth.example.com/oauth/token?tenant=t1")]
    [InlineData("http://10.0.0.7:8080/oauth/token")]
    [InlineData("http://loopback:5000/oauth/token")]
    [InlineData("http://auth.localhost/oauth/token")]
    public void Ctor_PlainHttpTokenEndpointToHostThatIsNotLoopback_ThrowsSayingWhatToDo(string tokenEndpoint)
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri(tokenEndpoint);

        var exception = AssertInvalid(options);

        Assert.Contains("TokenEndpoint", exception.Message, StringComparison.Ordinal);
        Assert.Contains("client secret in clear text", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Use https", exception.Message, StringComparison.Ordinal);
        Assert.Contains("OAuth2ClientCredentialsOptions.AllowInsecureHttp", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant", exception.Message, StringComparison.Ordinal);

        // The constructor that owns its token client checks the same.
        Assert.Throws<ArgumentException>(() => new OAuth2ClientCredentialsProvider(options));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/oauth/token")]
    [InlineData("http://localhost:5000/oauth/token")]
    [InlineData("http://[::1]:5000/oauth/token")]
    public void Ctor_PlainHttpTokenEndpointOnLoopback_IsAccepted(string tokenEndpoint)
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri(tokenEndpoint);
        using var http = new HttpClient();

        using var provider = new OAuth2ClientCredentialsProvider(options, http, new FakeTimeProvider());

        Assert.Equal(new Uri(tokenEndpoint), provider.TokenEndpoint);
    }

    [Fact]
    public void Ctor_PlainHttpTokenEndpointWithAllowInsecureHttp_IsAccepted()
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri("http://auth.example.com/oauth/token");
        options.AllowInsecureHttp = true;
        using var http = new HttpClient();

        using var provider = new OAuth2ClientCredentialsProvider(options, http, new FakeTimeProvider());

        Assert.Equal(options.TokenEndpoint, provider.TokenEndpoint);
    }

    [Fact]
    public void Ctor_NonHttpTokenEndpoint_ThrowsArgumentException()
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri("ftp://auth.test/oauth/token");

        var exception = AssertInvalid(options);

        Assert.Contains("absolute http(s) URI", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Ctor_MissingClientId_ThrowsArgumentExceptionNamingIt(string? clientId)
    {
        var options = ValidOptions();
        options.ClientId = clientId;

        var exception = AssertInvalid(options);

        Assert.Contains("ClientId is required", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Ctor_MissingClientSecret_ThrowsArgumentExceptionNamingIt(string? clientSecret)
    {
        var options = ValidOptions();
        options.ClientSecret = clientSecret;

        var exception = AssertInvalid(options);

        Assert.Contains("ClientSecret is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NegativeRefreshBeforeExpiry_ThrowsArgumentExceptionNamingIt()
    {
        var options = ValidOptions();
        options.RefreshBeforeExpiry = TimeSpan.FromSeconds(-1);

        var exception = AssertInvalid(options);

        Assert.Contains("RefreshBeforeExpiry", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctor_OptionsChangedAfterwards_UsesTheCopyTakenAtConstruction()
    {
        using var h = new Harness();
        h.Options.Scope = "read";
        h.Options.TokenParameters["audience"] = "https://api.test";
        var client = h.CreateClient(h.CreateProvider());

        h.Options.Scope = "admin";
        h.Options.TokenParameters["audience"] = "https://evil.test";
        h.Options.ClientSecret = "changed";
        await SendAsync(client);

        var form = Form(h.TokenRequests.Single());
        Assert.Equal("read", form["scope"]);
        Assert.Equal("https://api.test", form["audience"]);
        Assert.Equal(BasicHeader(ClientId, ClientSecret), h.TokenRequests.Single().Authorization);
    }

    // ---- Token request shape (RFC 6749 section 4.4) ------------------------------------------

    [Fact]
    public async Task SendAsync_FirstCall_PostsClientCredentialsGrantForm()
    {
        using var h = new Harness();
        h.Options.Scope = "widgets.read widgets.write";
        h.Options.TokenParameters["audience"] = "https://api.test/v1";
        h.Options.TokenParameters["resource"] = "urn:widgets";
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);

        var request = Assert.Single(h.TokenRequests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(TokenUrl), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.MediaType);
        Assert.Equal("application/json", request.Accept);
        var form = Form(request);
        Assert.Equal(["audience", "grant_type", "resource", "scope"], form.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("widgets.read widgets.write", form["scope"]);
        Assert.Equal("https://api.test/v1", form["audience"]);
        Assert.Equal("urn:widgets", form["resource"]);
    }

    [Fact]
    public async Task SendAsync_NoScope_OmitsScopeParameter()
    {
        using var h = new Harness();
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);

        Assert.Equal("grant_type=client_credentials", Assert.Single(h.TokenRequests).Body);
    }

    [Fact]
    public async Task SendAsync_DefaultCredentialPlacement_SendsBasicHeaderOfFormEncodedIdAndSecret()
    {
        using var h = new Harness();
        h.Options.ClientId = "my:client+id é";
        h.Options.ClientSecret = "s3cr:t+ ü€";
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);

        // RFC 6749 section 2.3.1: each part is application/x-www-form-urlencoded, then joined with ':'
        // and base64-encoded: "my%3Aclient%2Bid+%C3%A9:s3cr%3At%2B+%C3%BC%E2%82%AC".
        var request = Assert.Single(h.TokenRequests);
        Assert.Equal("Basic bXklM0FjbGllbnQlMkJpZCslQzMlQTk6czNjciUzQXQlMkIrJUMzJUJDJUUyJTgyJUFD", request.Authorization);
        var form = Form(request);
        Assert.Null(form["client_id"]);
        Assert.Null(form["client_secret"]);
    }

    [Fact]
    public async Task SendAsync_CredentialsInBody_SendsThemInFormWithoutAuthorizationHeader()
    {
        using var h = new Harness();
        h.Options.CredentialsInBody = true;
        h.Options.ClientId = "my:client+id é";
        h.Options.ClientSecret = "s3cr:t+ ü€";
        h.Options.Scope = "widgets.read";
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);

        var request = Assert.Single(h.TokenRequests);
        Assert.Null(request.Authorization);
        var form = Form(request);
        Assert.Equal(["client_id", "client_secret", "grant_type", "scope"], form.AllKeys.Order(StringComparer.Ordinal));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("my:client+id é", form["client_id"]);
        Assert.Equal("s3cr:t+ ü€", form["client_secret"]);
    }

    [Fact]
    public async Task SendAsync_TokenIssued_SendsItAsBearerToApi()
    {
        using var h = new Harness();
        h.TokenResponder = (_, _) => Task.FromResult(TokenResponse("eyJhbGciOi.J9-abc_123", 3600));
        var client = h.CreateClient(h.CreateProvider());

        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(new Widget(1, "Wing"), result.Data);
        var api = Assert.Single(h.ApiRequests);
        Assert.Equal("Bearer eyJhbGciOi.J9-abc_123", api.Authorization);
    }

    // ---- Caching and expiry -----------------------------------------------------------------

    [Fact]
    public async Task SendAsync_SecondCallWithinLifetime_ReusesCachedToken()
    {
        using var h = new Harness();
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromMinutes(30));
        await SendAsync(client);

        Assert.Single(h.TokenRequests);
        Assert.Equal(["Bearer token-1", "Bearer token-1"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_TimeReachesExpiryMinusMargin_FetchesNewToken()
    {
        using var h = new Harness();
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromSeconds(3600 - 30 - 1));
        await SendAsync(client);
        Assert.Single(h.TokenRequests);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(client);

        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_ExpiresInAsString_HonoursLifetime()
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","token_type":"Bearer","expires_in":"3600"}"""));
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromSeconds(3569));
        await SendAsync(client);
        Assert.Single(h.TokenRequests);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(client);

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_CustomRefreshBeforeExpiry_RefreshesThatMuchEarlier()
    {
        using var h = new Harness();
        h.Options.RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromSeconds(3299));
        await SendAsync(client);
        Assert.Single(h.TokenRequests);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(client);

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_LifetimeShorterThanTwiceTheMargin_RefreshesAtHalfTheLifetime()
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(TokenResponse($"token-{n}", 40)); // default margin 30 s
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromSeconds(19));
        await SendAsync(client);
        Assert.Single(h.TokenRequests);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(client);

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_NoExpiresIn_CachesTokenUntilApiAnswers401()
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","token_type":"Bearer"}"""));
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        h.Time.Advance(TimeSpan.FromDays(3650));
        await SendAsync(client);
        Assert.Single(h.TokenRequests);

        h.ApiResponder = (_, call) => call.Authorization == "Bearer token-1" ? Unauthorized() : DataResponse();
        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Theory]
    [InlineData("300000000000")] // about 9,500 years: past DateTimeOffset.MaxValue from now
    [InlineData("1e15")] // past TimeSpan.MaxValue
    public async Task SendAsync_ExpiresInBeyondTheCalendar_CachesTokenInsteadOfFailing(string expiresIn)
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""));
        var client = h.CreateClient(h.CreateProvider());

        var first = await SendAsync(client);
        h.Time.Advance(TimeSpan.FromDays(3650));
        var second = await SendAsync(client);

        Assert.True(first.IsData);
        Assert.True(second.IsData);
        Assert.Single(h.TokenRequests);
    }

    // ---- Concurrency ------------------------------------------------------------------------

    [Fact]
    public async Task SendAsync_HundredConcurrentCalls_MakeExactlyOneTokenRequest()
    {
        const int callers = 100;
        using var h = new Harness();
        var tokenRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.TokenResponder = async (n, _) =>
        {
            tokenRequested.TrySetResult();
            await releaseToken.Task;
            return TokenResponse($"token-{n}", 3600);
        };
        var observer = new WaitObserver(h.CreateProvider(), callers);
        var client = h.CreateClient(observer);

        Task<ConnectorResult<Widget>>[] calls;
        try
        {
            calls = [.. Enumerable.Range(0, callers).Select(_ => Task.Run(() => SendAsync(client)))];

            // Every caller is now parked on a token that has not arrived yet.
            await tokenRequested.Task.WaitAsync(HangGuard);
            await observer.AllWaiting.WaitAsync(HangGuard);
            Assert.Single(h.TokenRequests);
        }
        finally
        {
            releaseToken.TrySetResult();
        }

        var results = await Task.WhenAll(calls).WaitAsync(HangGuard);

        Assert.Single(h.TokenRequests);
        Assert.All(results, result => Assert.True(result.IsData));
        Assert.Equal(callers, h.ApiRequests.Count);
        Assert.All(h.ApiAuthorizations, authorization => Assert.Equal("Bearer token-1", authorization));
    }

    [Fact]
    public async Task SendAsync_CallerWhoStartedFetchCancels_OthersStillGetTheToken()
    {
        using var h = new Harness();
        var tokenRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.TokenResponder = async (n, _) =>
        {
            tokenRequested.TrySetResult();
            await releaseToken.Task;
            return TokenResponse($"token-{n}", 3600);
        };
        var observer = new WaitObserver(h.CreateProvider(), 2);
        var client = h.CreateClient(observer);
        using var cancelling = new CancellationTokenSource();

        Task<ConnectorResult<Widget>> patient;
        try
        {
            // The first caller starts the token request; the second joins it.
            var impatient = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, cancelling.Token);
            await tokenRequested.Task.WaitAsync(HangGuard);
            patient = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, CancellationToken.None);
            await observer.AllWaiting.WaitAsync(HangGuard);

            await cancelling.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WaitAsync(HangGuard));
        }
        finally
        {
            releaseToken.TrySetResult();
        }

        var result = await patient.WaitAsync(HangGuard);

        Assert.True(result.IsData);
        Assert.Single(h.TokenRequests);
        Assert.Equal(["Bearer token-1"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_EveryWaiterCancels_FetchIsCancelledAndNextCallFetchesAnew()
    {
        using var h = new Harness();
        var tokenRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.TokenResponder = async (n, _) =>
        {
            if (n == 1)
            {
                // The first token request never answers on its own.
                tokenRequested.TrySetResult();
                await releaseToken.Task;
            }

            return TokenResponse($"token-{n}", 3600);
        };
        var client = h.CreateClient(h.CreateProvider());
        using var cancelling = new CancellationTokenSource();

        ConnectorResult<Widget> result;
        try
        {
            var impatient = client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget, cancelling.Token);
            await tokenRequested.Task.WaitAsync(HangGuard);
            await cancelling.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WaitAsync(HangGuard));

            // Nobody waits for the first request any more: it does not hold this call.
            result = await SendAsync(client).WaitAsync(HangGuard);
        }
        finally
        {
            releaseToken.TrySetResult();
        }

        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.True(h.TokenRequestTokens.First().IsCancellationRequested, "The abandoned token request was not cancelled.");
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_HundredConcurrentCallsRejectedWith401_ShareOneRefresh()
    {
        const int callers = 100;
        using var h = new Harness();
        h.ApiResponder = (_, call) => call.Authorization == "Bearer token-1" ? Unauthorized() : DataResponse();
        var client = h.CreateClient(h.CreateProvider());

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => SendAsync(client)))).WaitAsync(HangGuard);

        // One refresh for all of them, however their 401s and the refresh interleave.
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.All(results, result => Assert.True(result.IsData));
        Assert.All(h.ApiAuthorizations, authorization => Assert.Contains(authorization, new[] { "Bearer token-1", "Bearer token-2" }));
        Assert.Equal(callers, h.ApiAuthorizations.Count(authorization => authorization == "Bearer token-2"));
    }

    [Fact]
    public async Task SendAsync_TokenRequestFailedBefore_NextCallFetchesAgain()
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 0;
        h.TokenResponder = (n, _) => n == 1
            ? throw new HttpRequestException("Connection refused (auth.test:443)")
            : Task.FromResult(TokenResponse($"token-{n}", 3600));
        var client = h.CreateClient(h.CreateProvider());

        await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client));
        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    // ---- 401 from the API: drop the token, retry once ---------------------------------------

    [Fact]
    public async Task SendAsync_Api401_RetriesOnceWithFreshToken()
    {
        using var h = new Harness();
        h.ApiResponder = (_, call) => call.Authorization == "Bearer token-1" ? Unauthorized() : DataResponse();
        var client = h.CreateClient(h.CreateProvider());

        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(new Widget(1, "Wing"), result.Data);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_Api401_LaterCallsKeepTheFreshToken()
    {
        using var h = new Harness();
        h.ApiResponder = (_, call) => call.Authorization == "Bearer token-1" ? Unauthorized() : DataResponse();
        var client = h.CreateClient(h.CreateProvider());

        await SendAsync(client);
        var result = await SendAsync(client);

        Assert.True(result.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_Api401Again_ReturnsErrorWithoutThirdAttempt()
    {
        using var h = new Harness();
        // A third attempt would succeed, so only the retry-once rule can produce the error.
        h.ApiResponder = (n, _) => n <= 2 ? Unauthorized() : DataResponse();
        var client = h.CreateClient(h.CreateProvider());

        var result = await SendAsync(client);

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, result.StatusCode);
        Assert.Equal("401", result.Error.Code);
        Assert.Equal("Token rejected.", result.Error.Description);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_Late401ForOldTokenAfterRefresh_KeepsTheFreshToken()
    {
        using var h = new Harness();
        var slowHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.ApiResponderAsync = async (_, call) =>
        {
            if (call.Authorization != "Bearer token-1")
            {
                return DataResponse();
            }

            if (call.Uri?.AbsolutePath == "/v1/slow")
            {
                slowHeld.TrySetResult();
                await releaseSlow.Task;
            }

            return Unauthorized();
        };
        var client = h.CreateClient(h.CreateProvider());

        Task<ConnectorResult<Widget>> slow;
        ConnectorResult<Widget> fast;
        try
        {
            // The slow call sends token-1 and waits; meanwhile the fast call is refused, refreshes and succeeds.
            slow = client.SendAsync(ConnectorEndpoint.Get("slow").Build(), OAuthJsonContext.Default.Widget);
            await slowHeld.Task.WaitAsync(HangGuard);
            fast = await client.SendAsync(ConnectorEndpoint.Get("fast").Build(), OAuthJsonContext.Default.Widget).WaitAsync(HangGuard);
        }
        finally
        {
            releaseSlow.TrySetResult();
        }

        // Now the slow call's 401 for token-1 arrives: it must retry with token-2, not discard it.
        var late = await slow.WaitAsync(HangGuard);

        Assert.True(fast.IsData);
        Assert.True(late.IsData);
        Assert.Equal(2, h.TokenRequests.Count);
        Assert.Equal(
            ["/v1/slow Bearer token-1", "/v1/fast Bearer token-1", "/v1/fast Bearer token-2", "/v1/slow Bearer token-2"],
            h.ApiRequests.Select(call => $"{call.Uri?.AbsolutePath} {call.Authorization}"));
    }

    [Fact]
    public async Task SendAsync_PostRetriedAfter401_SendsJsonBodyIntactBothTimes()
    {
        using var h = new Harness();
        h.ApiResponder = (_, call) => call.Authorization == "Bearer token-1" ? Unauthorized() : DataResponse();
        var client = h.CreateClient(h.CreateProvider());
        var endpoint = ConnectorEndpoint.Post("widgets").WithJsonBody(new Widget(7, "Kite"), OAuthJsonContext.Default.Widget).Build();

        var result = await client.SendAsync(endpoint, OAuthJsonContext.Default.Widget);

        Assert.True(result.IsData);
        Assert.Equal(2, h.ApiRequests.Count);
        Assert.All(h.ApiRequests, call =>
        {
            Assert.Equal(HttpMethod.Post, call.Method);
            Assert.Equal("application/json", call.MediaType);
            Assert.Equal("""{"id":7,"name":"Kite"}""", call.Body);
        });
        Assert.Equal(["Bearer token-1", "Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task InvalidateAsync_RequestCarriedCurrentToken_NextApplyFetchesNewToken()
    {
        using var h = new Harness();
        using var provider = h.CreateProvider();
        using var rejected = new HttpRequestMessage(HttpMethod.Get, ApiBase);
        await provider.ApplyAsync(rejected, CancellationToken.None);

        var retry = await provider.InvalidateAsync(rejected, CancellationToken.None);
        using var next = new HttpRequestMessage(HttpMethod.Get, ApiBase);
        await provider.ApplyAsync(next, CancellationToken.None);

        Assert.True(retry);
        Assert.Equal("Bearer token-1", rejected.Headers.Authorization?.ToString());
        Assert.Equal("Bearer token-2", next.Headers.Authorization?.ToString());
        Assert.Equal(2, h.TokenRequests.Count);
    }

    [Fact]
    public async Task InvalidateAsync_RequestCarriedOlderToken_KeepsNewerToken()
    {
        using var h = new Harness();
        using var provider = h.CreateProvider();
        using var old = new HttpRequestMessage(HttpMethod.Get, ApiBase);
        await provider.ApplyAsync(old, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(3570));
        using var current = new HttpRequestMessage(HttpMethod.Get, ApiBase);
        await provider.ApplyAsync(current, CancellationToken.None);

        // A late 401 for the old token must not throw away the one fetched since.
        await provider.InvalidateAsync(old, CancellationToken.None);
        using var next = new HttpRequestMessage(HttpMethod.Get, ApiBase);
        await provider.ApplyAsync(next, CancellationToken.None);

        Assert.Equal("Bearer token-2", next.Headers.Authorization?.ToString());
        Assert.Equal(2, h.TokenRequests.Count);
    }

    // ---- Token endpoint errors --------------------------------------------------------------

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_client")]
    [InlineData(HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData(HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData(HttpStatusCode.BadRequest, "invalid_scope")]
    [InlineData(HttpStatusCode.Forbidden, "unauthorized_client")]
    public async Task SendAsync_TokenEndpointRefusesClient_ThrowsUnauthorizedWithOAuthErrorWithoutRetrying(HttpStatusCode status, string code)
    {
        using var h = new Harness();
        h.TokenResponder = (_, _) => Task.FromResult(Json(status, $$"""{"error":"{{code}}","error_description":"Client authentication failed"}"""));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var exception = await Assert.ThrowsAsync<UnauthorizedException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.Equal(status, exception.StatusCode);
        Assert.NotNull(exception.Error);
        Assert.Equal(code, exception.Error.Code);
        Assert.Equal("Client authentication failed", exception.Error.Description);
        Assert.Contains("Client authentication failed", exception.Message, StringComparison.Ordinal);
        Assert.Single(h.TokenRequests);
        Assert.Empty(h.ApiRequests);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Fact]
    public async Task SendAsync_TokenEndpointAnswersHtml500_ThrowsTokenEndpointExceptionNamingTheEndpointAndStatus()
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 0;
        h.TokenResponder = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("<html><body><h1>500 Internal Server Error</h1></body></html>", Encoding.UTF8, "text/html"),
        });
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client));

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.NotNull(exception.Error);
        Assert.Equal("500", exception.Error.Code);
        Assert.Equal(new Uri(TokenUrl), exception.RequestUri);
        Assert.Contains(TokenUrl, exception.Message, StringComparison.Ordinal);
        Assert.Contains("500", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", exception.Message, StringComparison.Ordinal);
        Assert.Empty(h.ApiRequests);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Theory]
    [InlineData("""{"token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"","token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":null}""")]
    [InlineData("""not json""")]
    public async Task SendAsync_TokenResponseWithoutAccessToken_ThrowsTokenEndpointExceptionWithoutRetrying(string body)
    {
        using var h = new Harness();
        h.TokenResponder = (_, _) => Task.FromResult(Json(HttpStatusCode.OK, body));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client)).WaitAsync(HangGuard);

        Assert.Single(h.TokenRequests);
        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.NotNull(exception.Error);
        Assert.Contains("access_token", exception.Error.Description, StringComparison.Ordinal);
        Assert.Empty(h.ApiRequests);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Theory]
    [InlineData("""{"access_token":"abc\r\nX-Injected: 1","token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"abc\ndef","token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"abc\u0000def","token_type":"Bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"caf\u00e9-token","token_type":"Bearer","expires_in":3600}""")]
    public async Task SendAsync_AccessTokenHttpClientCannotSend_ThrowsTokenEndpointExceptionWithoutCachingIt(string body)
    {
        using var h = new Harness();
        h.TokenResponder = (n, _) => Task.FromResult(n == 1 ? Json(HttpStatusCode.OK, body) : TokenResponse($"token-{n}", 3600));
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client));
        var next = await SendAsync(client);

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        AssertSecretHidden(exception, provider, h.Options);
        Assert.True(next.IsData);
        Assert.Equal(["Bearer token-2"], h.ApiAuthorizations);
    }

    [Fact]
    public async Task SendAsync_TokenEndpointUnreachable_ThrowsTokenEndpointExceptionWrappingTheCause()
    {
        using var h = new Harness();
        h.Options.Resilience.MaxRetries = 0;
        var cause = new HttpRequestException("No such host is known. (auth.test:443)");
        h.TokenResponder = (_, _) => throw cause;
        using var provider = h.CreateProvider();
        var client = h.CreateClient(provider);

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => SendAsync(client));
        Assert.Contains(TokenUrl, exception.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", exception.Message, StringComparison.Ordinal);

        Assert.Same(cause, exception.InnerException);
        Assert.Null(exception.StatusCode);
        Assert.Empty(h.ApiRequests);
        AssertSecretHidden(exception, provider, h.Options);
    }

    [Fact]
    public async Task Dispose_TokenClientPassedIn_LeavesItUsable()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When(TokenUrl).Respond(_ => TokenResponse("token-1", 3600));
        using var tokenClient = handler.ToHttpClient();
        var provider = new OAuth2ClientCredentialsProvider(ValidOptions(), tokenClient, new FakeTimeProvider());

        provider.Dispose();
        using var response = await tokenClient.PostAsync(new Uri(TokenUrl), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void ToString_ProviderAndOptions_NameTheClientButHideTheSecret()
    {
        using var h = new Harness();
        using var provider = h.CreateProvider();

        Assert.Contains(ClientId, provider.ToString(), StringComparison.Ordinal);
        Assert.Contains(ClientId, h.Options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, h.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_TokenEndpointWithCredentialInQuery_RedactsIt()
    {
        var options = ValidOptions();
        options.TokenEndpoint = new Uri("https://auth.test/oauth/token?tenant=acme&api_key=endpoint-secret");
        using var http = new HttpClient();
        using var provider = new OAuth2ClientCredentialsProvider(options, http, new FakeTimeProvider());

        Assert.DoesNotContain("endpoint-secret", provider.ToString(), StringComparison.Ordinal);
        Assert.Contains("tenant=acme", provider.ToString(), StringComparison.Ordinal);
    }

    // ---- Helpers ----------------------------------------------------------------------------

    private static OAuth2ClientCredentialsOptions ValidOptions() => new()
    {
        TokenEndpoint = new Uri(TokenUrl),
        ClientId = ClientId,
        ClientSecret = ClientSecret,
    };

    private static ArgumentException AssertInvalid(OAuth2ClientCredentialsOptions options)
    {
        using var http = new HttpClient();
        var exception = Assert.Throws<ArgumentException>(() => new OAuth2ClientCredentialsProvider(options, http, new FakeTimeProvider()));
        Assert.Equal("options", exception.ParamName);
        return exception;
    }

    private static Task<ConnectorResult<Widget>> SendAsync(ConnectorClient client) =>
        client.SendAsync(GetWidget, OAuthJsonContext.Default.Widget);

    private static void AssertSecretHidden(Exception exception, OAuth2ClientCredentialsProvider provider, OAuth2ClientCredentialsOptions options)
    {
        var basic = BasicHeader(ClientId, ClientSecret)["Basic ".Length..];
        foreach (var text in new[] { exception.Message, exception.ToString(), provider.ToString(), options.ToString() })
        {
            Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }

    private static string BasicHeader(string id, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(id)}:{WebUtility.UrlEncode(secret)}"));

    private static System.Collections.Specialized.NameValueCollection Form(CapturedRequest request) =>
        HttpUtility.ParseQueryString(request.Body, Encoding.UTF8);

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage TokenResponse(string accessToken, int expiresIn) =>
        Json(HttpStatusCode.OK, $$"""{"access_token":"{{accessToken}}","token_type":"Bearer","expires_in":{{expiresIn}}}""");

    private static HttpResponseMessage DataResponse() =>
        Json(HttpStatusCode.OK, """{"data":{"id":1,"name":"Wing"}}""");

    private static HttpResponseMessage Unauthorized() =>
        Json(HttpStatusCode.Unauthorized, """{"error":{"code":"401","description":"Token rejected."}}""");

    internal sealed record Widget(int Id, string Name);

    /// <summary>What a mocked endpoint received, copied before the request is disposed.</summary>
    private sealed record CapturedRequest(HttpMethod Method, Uri? Uri, string? Authorization, string Accept, string? MediaType, string Body)
    {
        // MockHttp runs responders synchronously inside its own continuation; the content here is
        // always in-memory (form or JSON bytes), so reading it synchronously does not block.
        public static CapturedRequest From(HttpRequestMessage request) => new(
            request.Method,
            request.RequestUri,
            request.Headers.Authorization?.ToString(),
            request.Headers.Accept.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            request.Content is null ? string.Empty : request.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>A token endpoint and an API, each on its own MockHttp handler, and a fake clock.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly TokenEndpointHandler _tokenHandler;
        private readonly MockHttpMessageHandler _apiHandler = new();
        private readonly HttpClient _tokenClient;
        private readonly HttpClient _apiClient;
        private int _tokenCount;
        private int _apiCount;

        public Harness()
        {
            // The token endpoint honours the request's cancellation, as a real connection does: a
            // responder that never answers is abandoned when the provider cancels the request.
            _tokenHandler = new TokenEndpointHandler(async (request, cancellationToken) =>
            {
                var call = CapturedRequest.From(request);
                TokenRequests.Enqueue(call);
                TokenRequestTokens.Enqueue(cancellationToken);
                return await TokenResponder(Interlocked.Increment(ref _tokenCount), call).WaitAsync(cancellationToken);
            });
            _apiHandler.When("https://api.test/*").Respond(request =>
            {
                var call = CapturedRequest.From(request);
                ApiRequests.Enqueue(call);
                var n = Interlocked.Increment(ref _apiCount);
                return ApiResponderAsync is { } respond ? respond(n, call) : Task.FromResult(ApiResponder(n, call));
            });
            _tokenClient = new HttpClient(_tokenHandler);
            _apiClient = _apiHandler.ToHttpClient();
        }

        /// <summary>Gets the provider's clock; it also tells when the provider starts a timer (a token request's limit, a retry delay).</summary>
        public WatchedTime Time { get; } = new();

        public OAuth2ClientCredentialsOptions Options { get; } = ValidOptions();

        public ConcurrentQueue<CapturedRequest> TokenRequests { get; } = new();

        /// <summary>Gets the cancellation token each token request was sent with.</summary>
        public ConcurrentQueue<CancellationToken> TokenRequestTokens { get; } = new();

        public ConcurrentQueue<CapturedRequest> ApiRequests { get; } = new();

        public string[] ApiAuthorizations => [.. ApiRequests.Select(call => call.Authorization ?? "(none)")];

        /// <summary>Answers the n-th token request (1-based); by default token-n living an hour.</summary>
        public Func<int, CapturedRequest, Task<HttpResponseMessage>> TokenResponder { get; set; } =
            (n, _) => Task.FromResult(TokenResponse($"token-{n}", 3600));

        /// <summary>Answers the n-th API request (1-based); by default a data envelope.</summary>
        public Func<int, CapturedRequest, HttpResponseMessage> ApiResponder { get; set; } = (_, _) => DataResponse();

        /// <summary>When set, answers API requests instead of <see cref="ApiResponder"/>, and may hold them.</summary>
        public Func<int, CapturedRequest, Task<HttpResponseMessage>>? ApiResponderAsync { get; set; }

        public OAuth2ClientCredentialsProvider CreateProvider() => new(Options, _tokenClient, Time);

        public ConnectorClient CreateClient(IAuthenticationHeaderProvider provider, Action<ConnectorClientOptions>? configure = null)
        {
            var options = new ConnectorClientOptions { BaseAddress = new Uri(ApiBase), Authentication = provider };
            configure?.Invoke(options);
            return new(_apiClient, options);
        }

        public void Dispose()
        {
            _tokenClient.Dispose();
            _apiClient.Dispose();
            _tokenHandler.Dispose();
            _apiHandler.Dispose();
        }
    }

    /// <summary>A token endpoint in memory that answers through a delegate, given the request's cancellation token.</summary>
    private sealed class TokenEndpointHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request, cancellationToken);
    }

    /// <summary>
    /// Passes calls through to the real provider and signals once <c>expected</c> callers are
    /// parked waiting for a token (their ApplyAsync did not complete synchronously).
    /// </summary>
    private sealed class WaitObserver(IAuthenticationHeaderProvider inner, int expected) : IAuthenticationHeaderProvider
    {
        private readonly TaskCompletionSource _allWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public Task AllWaiting => _allWaiting.Task;

        public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var apply = inner.ApplyAsync(request, cancellationToken);
            if (!apply.IsCompleted && Interlocked.Increment(ref _waiting) == expected)
            {
                _allWaiting.TrySetResult();
            }

            await apply;
        }
    }

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Widget))]
    private sealed partial class OAuthJsonContext : JsonSerializerContext;
}
