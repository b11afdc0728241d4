using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests;

public sealed class ConnectorClientTests
{
    [Theory]
    [InlineData("https://h.test/api/v1", "wings", "https://h.test/api/v1/wings")]
    [InlineData("https://h.test/api/v1", "/wings", "https://h.test/api/v1/wings")]
    [InlineData("https://h.test/api/v1/", "wings", "https://h.test/api/v1/wings")]
    [InlineData("https://h.test/api/v1/", "/wings", "https://h.test/api/v1/wings")]
    [InlineData("https://h.test/api/v1//", "//wings", "https://h.test/api/v1/wings")]
    [InlineData("https://h.test", "wings", "https://h.test/wings")]
    [InlineData("https://h.test/", "/wings", "https://h.test/wings")]
    [InlineData("https://h.test:8443/api", "wings/7/parts", "https://h.test:8443/api/wings/7/parts")]
    [InlineData("https://h.test/api/v1", "wings?page=2", "https://h.test/api/v1/wings?page=2")]
    [InlineData("https://h.test/api/v1/", "?page=2", "https://h.test/api/v1?page=2")]
    [InlineData("http://h.test/api", "wings", "http://h.test/api/wings")]
    [InlineData("https://h.test/api", "//evil.test/steal", "https://h.test/api/evil.test/steal")]
    public async Task SendAsync_RelativeEndpoint_JoinsBasePathWhateverTheSlashes(string baseAddress, string uri, string expected)
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { BaseAddress = new Uri(baseAddress) });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get(uri).Build());

        Assert.Equal(expected, request.Uri.AbsoluteUri);
    }

    [Fact]
    public void Ctor_CodeDefinedEndpointWithUserInfo_ThrowsWithoutTheCredential()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        options.Endpoints["getWing"] = new ConnectorEndpointOptions { Path = "https://admin:s3cret@api.test/v1/wings" };

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Contains("Endpoints:getWing:Path", exception.Message, StringComparison.Ordinal);
        Assert.Contains("user info", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CustomEndpointWithUserInfo_ThrowsWithoutTheCredential()
    {
        // An IConnectorEndpoint of the caller's own never went through the builders' check.
        using var connector = TestConnector.NoContent();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(new UserInfoEndpoint(), TestJsonContext.Default.Wing));

        Assert.Equal("endpoint", exception.ParamName);
        Assert.Contains("user info", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task SendAsync_AbsoluteEndpoint_IgnoresBaseAddress()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { BaseAddress = new Uri("https://h.test/api/v1") });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("https://other.test/status?x=1").Build());

        Assert.Equal("https://other.test/status?x=1", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendAsync_RelativeEndpointWithoutBaseAddress_ThrowsArgumentExceptionNamingEndpoint()
    {
        using var connector = new TestConnector(_ => new HttpResponseMessage(HttpStatusCode.NoContent), withDefaultBase: false);
        var endpoint = ConnectorEndpoint.Get("wings").WithName("listWings").Build();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Equal("endpoint", exception.ParamName);
        Assert.Contains("listWings", exception.Message, StringComparison.Ordinal);
        Assert.Contains("BaseAddress", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task SendAsync_NoOptionsBaseAddress_UsesHttpClientBaseAddress()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://h.test/api/v1/wings").Respond(HttpStatusCode.NoContent);
        using var http = handler.ToHttpClient();
        http.BaseAddress = new Uri("https://h.test/api/v1");
        using var client = new ConnectorClient(http);

        await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new Uri("https://h.test/api/v1"), client.BaseAddress);
    }

    [Fact]
    public async Task SendAsync_Always_SendsAcceptJson()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").Build());

        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task SendAsync_EndpointAcceptHeader_ReplacesDefault()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").WithHeader("Accept", "application/vnd.wings.v2+json").Build());

        Assert.Equal("application/vnd.wings.v2+json", request.Header("Accept"));
    }

    [Fact]
    public async Task SendAsync_DefaultHeaders_SentAndReplacedByEndpointHeader()
    {
        var options = new ConnectorClientOptions();
        options.DefaultHeaders["X-Tenant"] = "acme";
        options.DefaultHeaders["X-Client"] = "tests";
        using var connector = TestConnector.NoContent(options);

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").WithHeader("x-tenant", "globex").Build());

        Assert.Equal("globex", request.Header("X-Tenant"));
        Assert.Equal("tests", request.Header("X-Client"));
    }

    [Fact]
    public async Task SendAsync_DefaultHeadersChangedAfterClientCreated_HaveNoEffect()
    {
        var options = new ConnectorClientOptions();
        options.DefaultHeaders["X-Tenant"] = "acme";
        using var connector = TestConnector.NoContent(options);

        options.DefaultHeaders["X-Tenant"] = "globex";
        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").Build());

        Assert.Equal("acme", request.Header("X-Tenant"));
    }

    public static TheoryData<HttpStatusCode, string?, string?, ConnectorResultKind> OutcomeRows => new()
    {
        { HttpStatusCode.NoContent, null, null, ConnectorResultKind.Empty },
        { HttpStatusCode.ResetContent, null, null, ConnectorResultKind.Empty },
        { HttpStatusCode.OK, "application/json", string.Empty, ConnectorResultKind.Empty },
        { HttpStatusCode.OK, "application/json", """{"data": null}""", ConnectorResultKind.Empty },
        { HttpStatusCode.OK, "application/json", """{"data": {"id": 1, "name": "A"}}""", ConnectorResultKind.Data },
        { HttpStatusCode.Created, "application/json", """{"data": {"id": 1, "name": "A"}}""", ConnectorResultKind.Data },
        { HttpStatusCode.BadRequest, "application/json", """{"error": {"code": "400", "description": "Bad Request: Invalid input data."}}""", ConnectorResultKind.Error },
        { HttpStatusCode.NotFound, "application/json", """{"error": {"code": 404, "description": "Gone."}}""", ConnectorResultKind.Error },
        { HttpStatusCode.BadGateway, "text/html", "<html>proxy error</html>", ConnectorResultKind.Error },
        { HttpStatusCode.ServiceUnavailable, null, null, ConnectorResultKind.Error },
        { HttpStatusCode.BadRequest, "application/problem+json", """{"title": "Invalid", "detail": "Name is required."}""", ConnectorResultKind.Error },
        { HttpStatusCode.InternalServerError, "application/json", """{"unexpected": true}""", ConnectorResultKind.Error },
        { HttpStatusCode.OK, "application/json", """{"error": {"code": "400", "description": "Soft failure."}}""", ConnectorResultKind.Error },
    };

    [Theory]
    [MemberData(nameof(OutcomeRows))]
    public async Task SendAsync_OutcomeTableRow_ReturnsExpectedKind(HttpStatusCode status, string? mediaType, string? body, ConnectorResultKind expected)
    {
        using var connector = new TestConnector(_ => new HttpResponseMessage(status)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType!),
        });

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/1").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(expected, result.Kind);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(expected == ConnectorResultKind.Data, result.Data is not null);
        Assert.Equal(expected == ConnectorResultKind.Error, result.Error is not null);
    }

    [Theory]
    [InlineData("text/html", "<html>Sign in</html>", "not valid JSON")]
    [InlineData("application/json", """{"data": {"id": 1, """, "truncated")]
    [InlineData("application/json", """{"id": 1, "name": "A"}""", "'data' or 'error' property")]
    public async Task SendAsync_SuccessBodyBreakingConvention_ThrowsFormatException(string mediaType, string body, string problem)
    {
        using var connector = new TestConnector(_ => TestConnector.Json(HttpStatusCode.OK, body, mediaType));
        var endpoint = ConnectorEndpoint.Get("wings/1").WithName("getWing").Build();

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.StartsWith(mediaType, exception.ContentType, StringComparison.Ordinal);
        Assert.Equal("getWing", exception.EndpointName);
        Assert.Equal(body, exception.BodyExcerpt);
        Assert.DoesNotContain(body, exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        Assert.Contains("GET https://api.test/v1/wings/1 (getWing)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ContentLengthAboveLimit_ThrowsFormatException()
    {
        using var connector = TestConnector.RespondingJson("""{"data": {"id": 1, "name": "a name that is long"}}""", new ConnectorClientOptions { MaxResponseContentBytes = 20 });

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => connector.Client.SendAsync(ConnectorEndpoint.Get("wings/1").Build(), TestJsonContext.Default.Wing));

        Assert.Contains("limit of 20 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownLengthBodyAboveLimit_ThrowsFormatException()
    {
        var body = "{\"data\": {\"id\": 1, \"name\": \"" + new string('w', 4000) + "\"}}";
        using var connector = new TestConnector(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json(body) }, new ConnectorClientOptions { MaxResponseContentBytes = 1000 });

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => connector.Client.SendAsync(ConnectorEndpoint.Get("wings/1").Build(), TestJsonContext.Default.Wing));

        Assert.Contains("larger than the limit of 1000 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReflectionOverload_ReadsWithWebDefaults()
    {
        using var connector = TestConnector.RespondingJson("""{"data": {"ID": 5, "Name": "Case-insensitive"}}""");

        var result = await connector.Client.SendAsync<Wing>(ConnectorEndpoint.Get("wings/5").Build());

        Assert.Equal(new Wing(5, "Case-insensitive"), result.Data);
    }

    [Theory]
    [InlineData("""{"data": null}""", ConnectorResultKind.Empty, 0)]
    [InlineData("""{"data": 0}""", ConnectorResultKind.Data, 0)]
    [InlineData("""{"data": 42}""", ConnectorResultKind.Data, 42)]
    public async Task SendAsync_ValueTypePayload_NullIsEmptyAndNumbersAreData(string body, ConnectorResultKind kind, int data)
    {
        using var connector = TestConnector.RespondingJson(body);

        var reflected = await connector.Client.SendAsync<int>(ConnectorEndpoint.Get("wings/count").Build());
        var generated = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/count").Build(), TestJsonContext.Default.Int32);

        Assert.Equal(kind, reflected.Kind);
        Assert.Equal(kind, generated.Kind);
        Assert.Equal(data, reflected.Data);
        Assert.Equal(data, generated.Data);
    }

    [Fact]
    public async Task SendAsync_NullArguments_ThrowArgumentNullException()
    {
        using var connector = TestConnector.NoContent();

        await Assert.ThrowsAsync<ArgumentNullException>(() => connector.Client.SendAsync(null!, TestJsonContext.Default.Wing));
        await Assert.ThrowsAsync<ArgumentNullException>(() => connector.Client.SendAsync<Wing>(ConnectorEndpoint.Get("wings").Build(), null!));
    }

    [Fact]
    public async Task SendAsync_SameEndpointFromManyThreads_EachRequestIsWhole()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("orders/{id}").WithPathParameter("id", "a b").WithJsonBody(new Order("Ann", 2m), TestJsonContext.Default.Order).Build();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing))));

        Assert.Equal(32, connector.Requests.Count);
        Assert.All(connector.Requests, request =>
        {
            Assert.Equal("https://api.test/v1/orders/a%20b", request.Uri.AbsoluteUri);
            Assert.Equal("""{"customerName":"Ann","total":2}""", request.BodyText);
        });
    }

    [Fact]
    public async Task SendAsync_TimeoutElapses_ThrowsConnectorTimeoutException()
    {
        var time = new FakeTimeProvider();
        using var handler = new HangingHandler();
        using var http = new HttpClient(handler);
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1"), Timeout = TimeSpan.FromSeconds(10), TimeProvider = time });

        var call = client.SendAsync(ConnectorEndpoint.Get("wings?token=s3cret").WithName("slowWings").Build(), TestJsonContext.Default.Wing);
        await handler.Started;
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call);

        Assert.Equal(TimeSpan.FromSeconds(10), exception.Timeout);
        Assert.Equal("slowWings", exception.EndpointName);
        Assert.Null(exception.StatusCode);
        Assert.IsAssignableFrom<OperationCanceledException>(exception.InnerException);
        Assert.Contains("00:00:10", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BodyStallsPastTimeout_ThrowsConnectorTimeoutException()
    {
        // The timeout covers the whole call, reading the body included, not only the headers.
        var time = new FakeTimeProvider();
        var body = new HangingStream("""{"data": [{"id": 1, "name": "A"}, """u8.ToArray());
        using var connector = new TestConnector(
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) { Headers = { ContentType = new("application/json") } } },
            new ConnectorClientOptions { Timeout = TimeSpan.FromSeconds(30), TimeProvider = time });

        var call = connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing);
        await body.Stalled;
        time.Advance(TimeSpan.FromSeconds(30));

        var exception = await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(30), exception.Timeout);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        var time = new FakeTimeProvider();
        using var handler = new HangingHandler();
        using var http = new HttpClient(handler);
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1"), Timeout = TimeSpan.FromSeconds(10), TimeProvider = time });
        using var cts = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing, cts.Token);
        await handler.Started;
        await cts.CancelAsync();
        var exception = await Record.ExceptionAsync(() => call);

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.IsNotType<ConnectorTimeoutException>(exception);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWithInfiniteTimeout_ThrowsOperationCanceled()
    {
        using var handler = new HangingHandler();
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1"), Timeout = Timeout.InfiniteTimeSpan });
        using var cts = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing, cts.Token);
        await handler.Started;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyCancelled_ThrowsOperationCanceledWithoutSending()
    {
        using var connector = TestConnector.NoContent();

        var exception = await Record.ExceptionAsync(() => connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing, new CancellationToken(canceled: true)));

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task SendAsync_NetworkFailure_ThrowsConnectorExceptionWrappingIt()
    {
        using var handler = new MockHttpMessageHandler();
        var failure = new HttpRequestException("Connection refused (api.test:443)");
        handler.Fallback.Throw(failure);
        using var http = handler.ToHttpClient();
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1"), Resilience = { MaxRetries = 0 } });

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(ConnectorEndpoint.Get("wings?api_key=s3cret").WithName("listWings").Build(), TestJsonContext.Default.Wing));

        Assert.Equal(typeof(ConnectorException), exception.GetType());
        Assert.Same(failure, exception.InnerException);
        Assert.Null(exception.StatusCode);
        Assert.Equal("listWings", exception.EndpointName);
        Assert.Contains("Connection refused", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ClientProvider_AppliedToEveryRequest()
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = provider });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").Build());
        await connector.SendAndCaptureAsync(ConnectorEndpoint.Post("wings").Build());

        Assert.Equal("recorded", request.Header("X-Credential"));
        Assert.Equal(2, provider.Calls);
        Assert.All(connector.Requests, r => Assert.Equal("recorded", r.Header("X-Credential")));
    }

    [Fact]
    public async Task SendAsync_EndpointWithAuthentication_OverridesClientProvider()
    {
        var clientProvider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = clientProvider });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").WithAuthentication(new BearerTokenProvider("endpoint-token")).Build());

        Assert.Equal("Bearer endpoint-token", request.Header("Authorization"));
        Assert.Null(request.Header("X-Credential"));
        Assert.Equal(0, clientProvider.Calls);
    }

    [Fact]
    public async Task SendAsync_EndpointWithoutAuthentication_SendsNoCredentials()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new BearerTokenProvider("client-token") });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("health").WithoutAuthentication().Build());

        Assert.Null(request.Header("Authorization"));
    }

    [Theory]
    [InlineData("https://evil.test/v1/wings")]
    [InlineData("http://api.test/v1/wings")]
    [InlineData("https://api.test:8443/v1/wings")]
    [InlineData("https://sub.api.test/v1/wings")]
    public async Task SendAsync_AbsoluteEndpointOnAnotherOrigin_SendsNoClientCredentials(string uri)
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = provider });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get(uri).Build());

        Assert.Equal(uri, request.Uri.AbsoluteUri);
        Assert.Null(request.Header("X-Credential"));
        Assert.Equal(0, provider.Calls);
    }

    [Fact]
    public async Task SendAsync_AbsoluteEndpointOnAnotherOrigin_SendsNoQueryApiKey()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "k3y", ApiKeyLocation.Query) });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("https://evil.test/collect?x=1").Build());

        Assert.Equal("https://evil.test/collect?x=1", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendAsync_AbsoluteEndpointOnBaseOrigin_SendsCredentials()
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = provider });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("https://API.test/other/path").Build());

        Assert.Equal("recorded", request.Header("X-Credential"));
    }

    [Fact]
    public async Task SendAsync_AbsoluteEndpointOnTrustedOrigin_SendsCredentials()
    {
        var provider = new RecordingAuthenticationProvider();
        var options = new ConnectorClientOptions { Authentication = provider };
        options.TrustedOrigins.Add(new Uri("https://files.test/ignored/path"));
        using var connector = TestConnector.NoContent(options);

        var trusted = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("https://files.test/uploads/1").Build());
        var otherPort = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("https://files.test:444/uploads/1").Build());

        Assert.Equal("recorded", trusted.Header("X-Credential"));
        Assert.Null(otherPort.Header("X-Credential"));
        Assert.Equal(1, provider.Calls);
    }

    [Fact]
    public async Task SendAsync_CrossOriginRedirect_DropsCredentialsAndCustomHeaders()
    {
        using var connector = new TestConnector(request => request.RequestUri!.Host == "api.test"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://cdn.test/wings.json") } }
            : new HttpResponseMessage(HttpStatusCode.NoContent),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "k3y", ApiKeyLocation.Query) });

        await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").WithHeader("X-Session", "s3ss").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(2, connector.Requests.Count);
        Assert.Equal("https://api.test/v1/wings?api_key=k3y", connector.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://cdn.test/wings.json", connector.Requests[1].Uri.AbsoluteUri);
        Assert.Null(connector.Requests[1].Header("X-Session"));
    }

    [Theory]
    [InlineData("api_key=ab+cd/ef==")]
    [InlineData("API_Key=ab+cd/ef==&api_key=ab%2Bcd%2Fef%3D%3D")]
    [InlineData("api%5fkey=ab%20cd/ef")]
    [InlineData("x=1;api_key=ab+cd/ef==")]
    public async Task SendAsync_CrossOriginRedirectCarryingTheQueryKeyInAnyEncoding_DropsItByName(string copied)
    {
        using var connector = new TestConnector(request => request.RequestUri!.Host == "api.test"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri($"https://cdn.test/wings.json?page=2&{copied}&sort=name") } }
            : new HttpResponseMessage(HttpStatusCode.NoContent),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "ab+cd/ef==", ApiKeyLocation.Query) });

        await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(2, connector.Requests.Count);
        Assert.Equal("https://api.test/v1/wings?api_key=ab%2Bcd%2Fef%3D%3D", connector.Requests[0].Uri.AbsoluteUri);
        var foreign = connector.Requests[1].Uri.Query;
        Assert.StartsWith("?page=2", foreign, StringComparison.Ordinal);
        Assert.EndsWith("&sort=name", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("cd", foreign, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_SameOriginRedirectCarryingTheKeyLiterally_SendsTheProvidersKeyOnce()
    {
        using var connector = new TestConnector(request => request.RequestUri!.AbsolutePath.EndsWith("/old", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://api.test/v1/new?api_key=ab+cd/ef==&page=2") } }
            : new HttpResponseMessage(HttpStatusCode.NoContent),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "ab+cd/ef==", ApiKeyLocation.Query) });

        await connector.Client.SendAsync(ConnectorEndpoint.Get("old").Build(), TestJsonContext.Default.Wing);

        Assert.Equal("https://api.test/v1/new?page=2&api_key=ab%2Bcd%2Fef%3D%3D", connector.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendAsync_RelativeEndpointWithoutBaseAddress_QuotesTheUriRedacted()
    {
        using var http = new HttpClient();
        using var client = new ConnectorClient(http, new ConnectorClientOptions());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(ConnectorEndpoint.Get("wings?code=fn-s3cret&page=2").Build(), TestJsonContext.Default.Wing));

        Assert.Contains("wings?code=REDACTED&page=2", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fn-s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShowsBaseAddress()
    {
        using var connector = TestConnector.NoContent();

        Assert.Equal("ConnectorClient (https://api.test/v1)", connector.Client.ToString());
    }

    [Fact]
    public async Task SendAsync_ProviderFailsToDropRejectedCredentials_DisposesThe401AndThrowsItsException()
    {
        var content = new TrackingContent();
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized) { Content = content });
        using var http = handler.ToHttpClient();
        using var client = new ConnectorClient(http, new ConnectorClientOptions
        {
            BaseAddress = new Uri("https://api.test/"),
            Authentication = new FailingRefreshProvider(),
            Resilience = { MaxRetries = 0 },
        });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing));

        Assert.Equal("token store unavailable", exception.Message);
        Assert.True(content.Disposed);
    }

    private sealed class FailingRefreshProvider : IRefreshableAuthenticationProvider
    {
        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "stale");
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> InvalidateAsync(HttpRequestMessage rejectedRequest, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("token store unavailable");
    }

    private sealed class TrackingContent : StringContent
    {
        public TrackingContent()
            : base("{}")
        {
        }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class UserInfoEndpoint : IConnectorEndpoint
    {
        public string Name => "custom";

        public HttpMethod Method => HttpMethod.Get;

        public string RequestUri => "https://admin:s3cret@api.test/v1/wings";

        public IReadOnlyList<KeyValuePair<string, string>> Headers => [];

        public IAuthenticationHeaderProvider? Authentication => null;

        public bool IsAnonymous => false;

        public ConnectorEnvelopeOptions? Envelope => null;

        public HttpContent? CreateContent(System.Text.Json.JsonSerializerOptions serializerOptions) => null;
    }
}
