using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.DependencyInjection;

public sealed class CustomConnectorServiceCollectionExtensionsTests
{
    [Fact]
    public async Task CreateClient_RegisteredName_SendsThroughTheConnectorsOptions()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://api.test/v1/wings/1001")
            .WithHeaders("X-Api-Key", "k-123")
            .WithHeaders("X-Tenant", "acme")
            .Respond("application/json", ConnectorTestHost.DataJson);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o =>
            {
                o.BaseAddress = new Uri("https://api.test/v1");
                o.DefaultHeaders["X-Tenant"] = "acme";
            })
            .AddApiKey("X-Api-Key", "k-123")
            .UseHandler(handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IConnectorClientFactory>().CreateClient("wings");
        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", 1001).Build(), DiJsonContext.Default.WingDto);

        Assert.Equal(1001, result.GetDataOrThrow().Id);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void CreateClient_UnknownName_ListsRegisteredNames()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://a.test/"));
        services.AddCustomConnector("hangars", o => o.BaseAddress = new Uri("https://b.test/"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IConnectorClientFactory>().CreateClient("wing"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("'wing'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("hangars, wings", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCustomConnector_SameNameTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://a.test/"));

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://b.test/")));

        Assert.Contains("'wings' is already registered", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKeyedService_ConnectorName_ResolvesThatConnector()
    {
        using var wings = new MockHttpMessageHandler().RespondWithData();
        using var hangars = new MockHttpMessageHandler();
        hangars.Fallback.Respond(HttpStatusCode.NotFound);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://wings.test/")).UseHandler(wings);
        services.AddCustomConnector("hangars", o => o.BaseAddress = new Uri("https://hangars.test/")).UseHandler(hangars);
        using var provider = services.BuildServiceProvider();

        var wingsClient = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        var hangarsClient = provider.GetRequiredKeyedService<IConnectorClient>("hangars");
        var endpoint = ConnectorEndpoint.Get("items/1").Build();

        Assert.True((await wingsClient.SendAsync(endpoint, DiJsonContext.Default.WingDto)).IsData);
        Assert.Equal(HttpStatusCode.NotFound, (await hangarsClient.SendAsync(endpoint, DiJsonContext.Default.WingDto)).StatusCode);
    }

    [Fact]
    public async Task AddCustomConnectorOfTClient_TypedClient_GetsItsConnectorAndOtherServices()
    {
        using var handler = new MockHttpMessageHandler().RespondWithData();
        var services = new ServiceCollection();
        services.AddSingleton(new Greeting("hello"));
        services.AddCustomConnector<WingsApi>("wings", o => o.BaseAddress = new Uri("https://api.test/")).UseHandler(handler);
        using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<WingsApi>();
        var wing = await api.GetWingAsync(1001);

        Assert.Equal("hello", api.Greeting.Text);
        Assert.Equal("Wing", wing.Name);
    }

    [Fact]
    public async Task AddCustomConnector_TwoConnectorsCalledConcurrently_NeverSeeEachOthersHeaders()
    {
        var seen = new ConcurrentBag<(string Host, string? Key, string? Authorization)>();
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(request =>
        {
            seen.Add((request.RequestUri!.Host,
                request.Headers.TryGetValues("X-Api-Key", out var keys) ? string.Join(",", keys) : null,
                request.Headers.Authorization?.ToString()));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var services = new ServiceCollection();
        services.AddCustomConnector("a", o => o.BaseAddress = new Uri("https://a.test/")).AddApiKey("X-Api-Key", "key-a").UseHandler(handler);
        services.AddCustomConnector("b", o => o.BaseAddress = new Uri("https://b.test/")).AddBearerToken("token-b").UseHandler(handler);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IConnectorClientFactory>();
        var endpoint = ConnectorEndpoint.Get("ping").Build();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), async (i, ct) =>
        {
            var client = factory.CreateClient(i % 2 == 0 ? "a" : "b");
            var result = await client.SendAsync(endpoint, DiJsonContext.Default.WingDto, ct);
            Assert.True(result.IsEmpty);
        });

        Assert.Equal(200, seen.Count);
        Assert.All(seen.Where(s => s.Host == "a.test"), s => Assert.Equal(("key-a", (string?)null), (s.Key, s.Authorization)));
        Assert.All(seen.Where(s => s.Host == "b.test"), s => Assert.Equal(((string?)null, "Bearer token-b"), (s.Key, s.Authorization)));
    }

    [Fact]
    public async Task AddCustomConnector_ConfigurationReloaded_NextRequestUsesTheNewApiKeyAndBaseAddress()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://old.test/"),
            ("Connectors:Wings:Authentication:Type", "ApiKey"),
            ("Connectors:Wings:Authentication:ApiKeyName", "X-Api-Key"),
            ("Connectors:Wings:Authentication:ApiKeyValue", "old-key"));
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://old.test/ping").WithHeaders("X-Api-Key", "old-key").Respond(HttpStatusCode.NoContent);
        handler.Expect("https://new.test/ping").WithHeaders("X-Api-Key", "new-key").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(handler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        var endpoint = ConnectorEndpoint.Get("ping").Build();

        Assert.True((await client.SendAsync(endpoint, DiJsonContext.Default.WingDto)).IsEmpty);
        configuration["Connectors:Wings:Authentication:ApiKeyValue"] = "new-key";
        configuration["Connectors:Wings:BaseAddress"] = "https://new.test/";
        configuration.Reload();
        Assert.True((await client.SendAsync(endpoint, DiJsonContext.Default.WingDto)).IsEmpty);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AddCustomConnector_OAuthClientSecretReloaded_DropsTheOldTokenAndFetchesANewOne()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "old-secret"),
            ("Connectors:Wings:Timeout", "00:00:10"));
        var tokenRequests = 0;
        using var tokenHandler = new MockHttpMessageHandler();
        tokenHandler.Fallback.Respond(request =>
        {
            Interlocked.Increment(ref tokenRequests);
            var secret = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!)).Split(':')[1];
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"access_token": "token-for-{{secret}}", "token_type": "Bearer", "expires_in": 3600}""", System.Text.Encoding.UTF8, "application/json"),
            };
        });
        using var apiHandler = new MockHttpMessageHandler();
        apiHandler.Expect("https://api.test/ping").WithHeaders("Authorization", "Bearer token-for-old-secret").Respond(HttpStatusCode.NoContent);
        apiHandler.Expect("https://api.test/ping").WithHeaders("Authorization", "Bearer token-for-old-secret").Respond(HttpStatusCode.NoContent);
        apiHandler.Expect("https://api.test/ping").WithHeaders("Authorization", "Bearer token-for-new-secret").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(apiHandler);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        var endpoint = ConnectorEndpoint.Get("ping").Build();

        await client.SendAsync(endpoint, DiJsonContext.Default.WingDto);
        configuration["Connectors:Wings:Timeout"] = "00:00:20";
        configuration.Reload();
        await client.SendAsync(endpoint, DiJsonContext.Default.WingDto);
        Assert.Equal(1, tokenRequests);

        configuration["Connectors:Wings:Authentication:ClientSecret"] = "new-secret";
        configuration.Reload();
        await client.SendAsync(endpoint, DiJsonContext.Default.WingDto);

        Assert.Equal(2, tokenRequests);
        apiHandler.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(null, 20)] // by default a token request gets the connector's Timeout
    [InlineData("00:00:05", 5)]
    public async Task AddCustomConnector_OAuth_TokenRequestIsLimitedByTheConnectorsTimeoutUnlessConfigured(string? configured, int limitSeconds)
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Timeout", "00:00:20"),
            ("Connectors:Wings:Resilience:AttemptTimeout", "00:01:00"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "secret"),
            ("Connectors:Wings:Authentication:TokenRequestTimeout", configured));
        var time = new Resilience.WatchedTime();
        using var tokenHandler = new HangingHandler();
        using var apiHandler = new MockHttpMessageHandler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(apiHandler);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");
        using var cancel = new CancellationTokenSource();

        var call = client.SendAsync(ConnectorEndpoint.Get("ping").Build(), DiJsonContext.Default.WingDto, cancel.Token);
        await tokenHandler.Started.WaitAsync(TimeSpan.FromSeconds(10));

        // Timers in order: the call's total timeout, the token request's limit. The attempt timeout
        // (1 min) is not armed: it could never fire before the 20 s total timeout.
        var timers = new[] { await time.TimerAsync(0), await time.TimerAsync(1) };
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(limitSeconds)], timers.Select(t => t.DueTime));
        Assert.Equal(2, time.TimerCount);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("2", 3)]
    public async Task AddCustomConnector_OAuthTokenEndpoint503_RetriedWithTheConnectorsRetrySettings(string maxRetries, int expectedRequests)
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Resilience:MaxRetries", maxRetries),
            ("Connectors:Wings:Resilience:BaseDelay", "00:00:00"),
            ("Connectors:Wings:Resilience:MaxDelay", "00:00:00"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "secret"));
        var tokenRequests = 0;
        using var tokenHandler = new MockHttpMessageHandler();
        tokenHandler.Fallback.Respond(_ =>
        {
            Interlocked.Increment(ref tokenRequests);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });
        using var apiHandler = new MockHttpMessageHandler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(apiHandler);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        var exception = await Assert.ThrowsAsync<TokenEndpointException>(() => client.SendAsync(ConnectorEndpoint.Get("ping").Build(), DiJsonContext.Default.WingDto).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal(expectedRequests, tokenRequests);
    }

    [Fact]
    public async Task AddCustomConnector_AllowInsecureHttp_ReachesTheClientAndTheTokenProvider()
    {
        // One rule: the connector's AllowInsecureHttp is what the client's constructor and the OAuth provider check too.
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "http://api.partner.test/"),
            ("Connectors:Wings:TrustedOrigins:0", "http://files.partner.test"),
            ("Connectors:Wings:AllowInsecureHttp", "true"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "http://auth.partner.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "secret"));
        using var tokenHandler = new MockHttpMessageHandler();
        tokenHandler.Expect(HttpMethod.Post, "http://auth.partner.test/token").Respond("application/json", """{"access_token": "t-1", "expires_in": 3600}""");
        using var apiHandler = new MockHttpMessageHandler();
        apiHandler.Expect("http://api.partner.test/ping").WithHeaders("Authorization", "Bearer t-1").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(apiHandler);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var result = await provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("ping").Build(), DiJsonContext.Default.WingDto);

        Assert.True(result.IsEmpty);
        tokenHandler.VerifyNoOutstandingExpectation();
        apiHandler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AddOAuth2ClientCredentials_TokenRequest_DoesNotPassThroughTheConnectorsPipeline()
    {
        var connectorPipeline = new CountingHandler();
        using var tokenHandler = new MockHttpMessageHandler();
        tokenHandler.Expect(HttpMethod.Post, "https://auth.test/token")
            .Respond("application/json", """{"access_token": "t-1", "expires_in": 3600}""");
        using var apiHandler = new MockHttpMessageHandler();
        apiHandler.Expect("https://api.test/ping").WithHeaders("Authorization", "Bearer t-1").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        var builder = services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/"))
            .AddOAuth2ClientCredentials(o =>
            {
                o.TokenEndpoint = new Uri("https://auth.test/token");
                o.ClientId = "client";
                o.ClientSecret = "secret";
            })
            .UseHandler(apiHandler);
        builder.HttpClientBuilder.AddHttpMessageHandler(() => connectorPipeline);
        services.AddHttpClient("wings.OAuth2TokenEndpoint").ConfigurePrimaryHttpMessageHandler(() => tokenHandler);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("ping").Build(), DiJsonContext.Default.WingDto);

        Assert.True(result.IsEmpty);
        Assert.Equal(["https://api.test/ping"], connectorPipeline.Seen);
        tokenHandler.VerifyNoOutstandingExpectation();
        apiHandler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AddAuthenticationProvider_ProviderFromContainer_CanUseOtherServices()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://api.test/ping").WithHeaders("X-Signature", "signed-by-hello").Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddSingleton(new Greeting("hello"));
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/"))
            .AddAuthenticationProvider<SigningProvider>()
            .UseHandler(handler);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("ping").Build(), DiJsonContext.Default.WingDto);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task AddCustomConnector_TraceLogging_NeverRecordsCredentials()
    {
        var logs = new CapturingLoggerProvider();
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(HttpStatusCode.NoContent);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddCustomConnector("keyed", o => o.BaseAddress = new Uri("https://api.test/")).AddApiKey("X-Api-Key", "super-secret-key").UseHandler(handler);
        services.AddCustomConnector("basic", o => o.BaseAddress = new Uri("https://api.test/")).AddBasicAuthentication("alice", "super-secret-password").UseHandler(handler);
        using var provider = services.BuildServiceProvider();
        var endpoint = ConnectorEndpoint.Get("ping").Build();

        await provider.GetRequiredKeyedService<IConnectorClient>("keyed").SendAsync(endpoint, DiJsonContext.Default.WingDto);
        await provider.GetRequiredKeyedService<IConnectorClient>("basic").SendAsync(endpoint, DiJsonContext.Default.WingDto);

        var basicValue = Convert.ToBase64String("alice:super-secret-password"u8.ToArray());
        Assert.DoesNotContain(logs.Everything, text => text.Contains("super-secret-key", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Everything, text => text.Contains(basicValue, StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigurePrimaryHandler_UserTurnsRedirectsOn_TheyStayOff()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/"))
            .ConfigurePrimaryHandler(handler =>
            {
                handler.AllowAutoRedirect = true;
                handler.MaxConnectionsPerServer = 7;
            });
        using var provider = services.BuildServiceProvider();

        var primary = Innermost(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("wings"));

        var sockets = Assert.IsType<SocketsHttpHandler>(primary);
        Assert.False(sockets.AllowAutoRedirect);
        Assert.Equal(7, sockets.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(2), sockets.PooledConnectionLifetime);
    }

    [Fact]
    public void ConnectorHttpClient_FromTheFactory_HasNoTimeoutOfItsOwn()
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/"));
        using var provider = services.BuildServiceProvider();

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("wings");

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    [Fact]
    public async Task AddCustomConnector_TimeProviderInContainer_DrivesTheTimeout()
    {
        var time = new FakeTimeProvider();
        var released = new TaskCompletionSource();
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(async () =>
        {
            await released.Task;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddCustomConnector("wings", o =>
        {
            o.BaseAddress = new Uri("https://api.test/");
            o.Timeout = TimeSpan.FromSeconds(5);
        }).UseHandler(handler);
        using var provider = services.BuildServiceProvider();

        var call = provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("slow").Build(), DiJsonContext.Default.WingDto);
        time.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<ConnectorTimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        released.SetResult();
    }

    [Fact]
    public async Task AddCustomConnector_ExceptionMapAndSensitiveQueryNames_ApplyToTheConnector()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Fallback.Respond(HttpStatusCode.Conflict, "application/json", """{"error": {"code": "409", "description": "taken"}}""");
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:SensitiveQueryParameters:0", "subscription-key"));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(handler);
        services.Configure<ConnectorClientOptions>("wings", o => o.ExceptionMap.Register(HttpStatusCode.Conflict, context => new WingTakenException(context)));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredKeyedService<IConnectorClient>("wings")
            .SendAsync(ConnectorEndpoint.Get("wings").WithQueryParameter("subscription-key", "apim-secret").Build(), DiJsonContext.Default.WingDto);

        var exception = Assert.Throws<WingTakenException>(() => result.GetDataOrThrow());
        Assert.DoesNotContain("apim-secret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("apim-secret", exception.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    private static HttpMessageHandler Innermost(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return handler;
    }

    public sealed record Greeting(string Text);

    public sealed class WingTakenException(ConnectorExceptionContext context) : ConnectorException(context);

    public sealed class WingsApi(IConnectorClient connector, Greeting greeting)
    {
        public Greeting Greeting { get; } = greeting;

        public async Task<WingDto> GetWingAsync(int id) =>
            (await connector.SendAsync(ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", id).Build(), DiJsonContext.Default.WingDto)).GetDataOrThrow();
    }

    public sealed class SigningProvider(Greeting greeting) : IAuthenticationHeaderProvider
    {
        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Signature", $"signed-by-{greeting.Text}");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Enqueue(request.RequestUri!.AbsoluteUri);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task AddCustomConnector_ProviderObjectInCode_IsUsedAsByNewConnectorClient()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://api.test/wings/1").WithHeaders("Authorization", "Bearer t-123").Respond("application/json", ConnectorTestHost.DataJson);
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o =>
            {
                o.BaseAddress = new Uri("https://api.test/");
                o.Authentication = new BearerTokenProvider("t-123");
            })
            .UseHandler(handler);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredKeyedService<IConnectorClient>("wings").SendAsync(ConnectorEndpoint.Get("wings/1").Build(), DiJsonContext.Default.WingDto);

        Assert.Equal(1001, result.GetDataOrThrow().Id);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void AddCustomConnector_SameOptionsType_BindsFromConfigurationAndCode()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/"),
            ("Connectors:Wings:Authentication:Type", "OAuth2ClientCredentials"),
            ("Connectors:Wings:Authentication:TokenEndpoint", "https://auth.test/token"),
            ("Connectors:Wings:Authentication:ClientId", "client"),
            ("Connectors:Wings:Authentication:ClientSecret", "secret"),
            ("Connectors:Wings:Authentication:RefreshBeforeExpiry", "00:01:00"));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
        services.Configure<ConnectorClientOptions>("wings", o => o.MaxRedirects = 2);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>().Get("wings");

        Assert.Equal(2, options.MaxRedirects);
        Assert.Equal(new Uri("https://auth.test/token"), options.AuthenticationSettings.OAuth2.TokenEndpoint);
        Assert.Equal(TimeSpan.FromMinutes(1), options.AuthenticationSettings.OAuth2.RefreshBeforeExpiry);
    }
}
