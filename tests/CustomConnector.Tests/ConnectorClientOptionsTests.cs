using System.Net;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests;

public sealed class ConnectorClientOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new ConnectorClientOptions();

        Assert.Null(options.BaseAddress);
        Assert.Null(options.Authentication);
        Assert.Equal(32L * 1024 * 1024, options.MaxResponseContentBytes);
        Assert.Equal(TimeSpan.FromSeconds(100), options.Timeout);
        Assert.True(options.FollowRedirects);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Empty(options.TrustedOrigins);
        Assert.Empty(options.DefaultHeaders);
        Assert.Contains("api_key", options.SensitiveQueryParameters);
        Assert.Contains("ACCESS_TOKEN", options.SensitiveQueryParameters); // case-insensitive
    }

    [Fact]
    public void BaseAddress_Relative_ThrowsArgumentException()
    {
        var exception = CreateBoth(new ConnectorClientOptions { BaseAddress = new Uri("api/v1", UriKind.Relative) });

        Assert.Contains("BaseAddress is 'api/v1', which is not an absolute http or https URI", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseAddress_NotHttp_ThrowsArgumentException()
    {
        var exception = CreateBoth(new ConnectorClientOptions { BaseAddress = new Uri("ftp://files.test/") });

        Assert.Contains("absolute http or https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseAddress_WithQuery_ThrowsWithoutEchoingQuery()
    {
        var exception = CreateBoth(new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1?api_key=s3cret") });

        Assert.Contains("must not have a query", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseAddress_WithFragment_ThrowsArgumentException()
    {
        var exception = CreateBoth(new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1#top") });

        Assert.Contains("fragment", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseAddress_WithUserInfo_ThrowsWithoutEchoingPassword()
    {
        var exception = CreateBoth(new ConnectorClientOptions { BaseAddress = new Uri("https://admin:s3cret@api.test/v1") });

        Assert.Contains("user-info", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void MaxResponseContentBytes_NotPositive_ThrowsArgumentException(long value)
    {
        var exception = CreateBoth(new ConnectorClientOptions { MaxResponseContentBytes = value });

        Assert.Contains($"MaxResponseContentBytes is {value}; it must be positive", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Timeout_NotPositive_ThrowsArgumentException(int seconds)
    {
        var exception = CreateBoth(new ConnectorClientOptions { Timeout = TimeSpan.FromSeconds(seconds) });

        Assert.Contains("Timeout is", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout.InfiniteTimeSpan", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(10675199)] // about TimeSpan.MaxValue
    public void Timeout_LongerThanATimerCanWait_ThrowsArgumentExceptionWhenClientIsCreated(int days)
    {
        var exception = CreateBoth(new ConnectorClientOptions { Timeout = TimeSpan.FromDays(days) });

        Assert.Contains("Timeout is", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout.InfiniteTimeSpan", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_Longest_IsAcceptedAndUsable()
    {
        var options = new ConnectorClientOptions { Timeout = TimeSpan.FromMilliseconds(int.MaxValue) };
        using var connector = TestConnector.NoContent(options);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public async Task Timeout_Infinite_IsAcceptedAndUsable()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Timeout = Timeout.InfiniteTimeSpan });

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void MaxRedirects_Negative_ThrowsArgumentException()
    {
        var exception = CreateBoth(new ConnectorClientOptions { MaxRedirects = -1 });

        Assert.Contains("MaxRedirects", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustedOrigins_Relative_ThrowsArgumentException()
    {
        var options = new ConnectorClientOptions();
        options.TrustedOrigins.Add(new Uri("files", UriKind.Relative));

        var exception = CreateBoth(options);

        Assert.Contains("TrustedOrigins", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultHeaders_InvalidNameOrValue_ThrowsArgumentException()
    {
        var badName = new ConnectorClientOptions();
        badName.DefaultHeaders["X Tenant"] = "acme";
        var badValue = new ConnectorClientOptions();
        badValue.DefaultHeaders["X-Tenant"] = "s3cret\r\nX-Evil: 1";

        Assert.Contains("not a valid HTTP header name", CreateBoth(badName).Message, StringComparison.Ordinal);
        var exception = CreateBoth(badValue);
        Assert.Contains("header injection", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NullOptions_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ConnectorClient((ConnectorClientOptions)null!));
        Assert.Throws<ArgumentNullException>(() => new ConnectorClient((HttpClient)null!));
    }

    [Fact]
    public void Ctor_OptionsChangedAfterwards_ClientKeepsCopy()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1") };
        using var client = new ConnectorClient(options);

        options.BaseAddress = new Uri("https://other.test/");

        Assert.Equal(new Uri("https://api.test/v1"), client.BaseAddress);
    }

    [Fact]
    public void Ctor_HttpClientWithBaseAddress_DoesNotChangeCallersOptions()
    {
        // One options object may configure several clients; taking one HttpClient's base address must not leak into the next.
        var options = new ConnectorClientOptions();
        using var handler = new MockHttpMessageHandler();
        using var first = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://first.test/") };
        using var second = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri("https://second.test/") };

        using var firstClient = new ConnectorClient(first, options);
        using var secondClient = new ConnectorClient(second, options);

        Assert.Null(options.BaseAddress);
        Assert.Equal(new Uri("https://first.test/"), firstClient.BaseAddress);
        Assert.Equal(new Uri("https://second.test/"), secondClient.BaseAddress);
    }

    /// <summary>Both constructors validate the same way, naming the options argument.</summary>
    private static ArgumentException CreateBoth(ConnectorClientOptions options)
    {
        var owning = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));
        using var http = new HttpClient();
        var given = Assert.Throws<ArgumentException>(() => new ConnectorClient(http, options));

        Assert.Equal("options", owning.ParamName);
        Assert.Equal("options", given.ParamName);
        Assert.Equal(owning.Message, given.Message);
        return owning;
    }

    [Fact]
    public async Task SerializerOptions_UsedByReflectionOverload_StayWritableForTheCaller()
    {
        var serializerOptions = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        using var connector = TestConnector.RespondingJson("""{"data": {"id": 1, "name": "Wing"}}""", new ConnectorClientOptions { SerializerOptions = serializerOptions });

        var result = await connector.Client.SendAsync<Wing>(ConnectorEndpoint.Get("wings/1").Build());

        Assert.Equal(1, result.GetDataOrThrow().Id);
        Assert.False(serializerOptions.IsReadOnly);
    }

    [Fact]
    public async Task ExceptionMap_RegisteredAfterTheClientWasCreated_DoesNotChangeThatClient()
    {
        var options = new ConnectorClientOptions();
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "409", "description": "taken"}}""", options, System.Net.HttpStatusCode.Conflict);
        options.ExceptionMap.Register(System.Net.HttpStatusCode.Conflict, context => new ConflictException(context));

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/1").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ConnectorException>(() => result.GetDataOrThrow());
        Assert.Equal(typeof(ConnectorException), exception.GetType());
    }

    [Fact]
    public void DefaultHeaders_NonAsciiValue_ThrowsAtConstructionWithoutEchoingIt()
    {
        var options = new ConnectorClientOptions();
        options.DefaultHeaders["X-Tenant"] = "s3cret-société";

        var exception = CreateBoth(options);

        Assert.Contains("X-Tenant", exception.Message, StringComparison.Ordinal);
        Assert.Contains("non-ASCII", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SeveralBadSettings_ListsEveryProblemOnePerLineUnderAHeader()
    {
        var options = new ConnectorClientOptions { Timeout = TimeSpan.Zero, MaxRedirects = -1, MaxResponseContentBytes = 0 };
        options.Resilience.MaxRetries = 500;
        options.Endpoints["traceWing"] = new ConnectorEndpointOptions { Method = "TRACE", Path = "wings" };

        var exception = CreateBoth(options);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "ConnectorClientOptions has 5 problems:",
                "  Timeout is 00:00:00; it must be positive, or Timeout.InfiniteTimeSpan for none.",
                "  MaxResponseContentBytes is 0; it must be positive.",
                "  MaxRedirects is -1; it must be zero or more.",
                "  Resilience:MaxRetries is 500; it must be between 0 and 100.",
                "  Endpoints:traceWing:Method is 'TRACE'; connector endpoints support GET, POST, PUT, PATCH and DELETE. (Parameter 'options')"),
            exception.Message);
    }

    [Fact]
    public async Task AuthenticationSettings_InCode_BuildTheProviderAsConfigurationWould()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://api.test/wings").WithHeaders("X-Api-Key", "k-123").Respond(HttpStatusCode.NoContent);
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        options.AuthenticationSettings.Type = ConnectorAuthenticationType.ApiKey;
        options.AuthenticationSettings.ApiKeyName = "X-Api-Key";
        options.AuthenticationSettings.ApiKeyValue = "k-123";
        using var client = new ConnectorClient(handler.ToHttpClient(), options);

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AuthenticationSettings_IncompleteInCode_AreReportedByTheirPath()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        options.AuthenticationSettings.Type = ConnectorAuthenticationType.OAuth2ClientCredentials;
        options.AuthenticationSettings.OAuth2.TokenEndpoint = new Uri("https://auth.test/token");

        var exception = CreateBoth(options);

        Assert.Contains("Authentication:ClientId is required when Type is OAuth2ClientCredentials.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication:ClientSecret is required when Type is OAuth2ClientCredentials.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_ProviderAndSettingsBoth_IsRefused()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/"), Authentication = new BearerTokenProvider("t") };
        options.AuthenticationSettings.Type = ConnectorAuthenticationType.Bearer;
        options.AuthenticationSettings.Token = "u";

        var exception = CreateBoth(options);

        Assert.StartsWith("Authentication is set twice: a provider (BearerTokenProvider) and settings of Type Bearer.", exception.Message, StringComparison.Ordinal);
    }
}
