using System.Net;
using CustomConnector.Tests.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Resilience;

/// <summary>The Resilience section: bound from configuration into the connector, and checked at startup and construction with errors that name the setting.</summary>
public sealed class ResilienceConfigurationTests
{
    [Fact]
    public async Task AddCustomConnector_ResilienceSection_RetriesAndLimitsAsConfigured()
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/v1/"),
            ("Connectors:Wings:Resilience:MaxRetries", "1"),
            ("Connectors:Wings:Resilience:BaseDelay", "00:00:00"),
            ("Connectors:Wings:Resilience:RateLimit:Kind", "fixedwindow"),
            ("Connectors:Wings:Resilience:RateLimit:PermitLimit", "2"),
            ("Connectors:Wings:Resilience:RateLimit:Window", "01:00:00"),
            ("Connectors:Wings:Resilience:RateLimit:QueueLimit", "0"));
        using var handler = new MockHttpMessageHandler();
        var requests = 0;
        handler.Fallback.Respond(_ =>
        {
            Interlocked.Increment(ref requests);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        });
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(handler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IConnectorClientFactory>().CreateClient("wings");
        var endpoint = ConnectorEndpoint.Get("wings/1").Build();

        var result = await client.SendAsync(endpoint, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout);
        var rejected = await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(endpoint, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, requests);
        Assert.Contains("(2 per 01:00:00, 0 queued at most)", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCustomConnector_ReloadLeavesResilienceAlone_KeepsTheRateLimitersPermitsSpent()
    {
        var (configuration, provider, requests) = RateLimitedConnector();
        using (provider)
        {
            var client = provider.GetRequiredService<IConnectorClientFactory>().CreateClient("wings");
            await client.SendAsync(Ping, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout);

            configuration["Connectors:Wings:DefaultHeaders:X-Tenant"] = "acme";
            configuration.Reload();

            await Assert.ThrowsAsync<TooManyRequestsException>(() => client.SendAsync(Ping, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout));
            Assert.Equal(1, requests());
        }
    }

    [Fact]
    public async Task AddCustomConnector_ReloadChangesTheRateLimit_CallsQueuedUnderTheOldLimitStillGoThrough()
    {
        var (configuration, provider, requests) = RateLimitedConnector(queue: 1);
        using (provider)
        {
            var time = (WatchedTime)provider.GetRequiredService<TimeProvider>();
            var client = provider.GetRequiredService<IConnectorClientFactory>().CreateClient("wings");
            await client.SendAsync(Ping, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout);
            var queued = client.SendAsync(Ping, DiJsonContext.Default.WingDto);

            configuration["Connectors:Wings:Resilience:RateLimit:PermitLimit"] = "5";
            configuration.Reload();
            Assert.True((await client.SendAsync(Ping, DiJsonContext.Default.WingDto).WaitAsync(WatchedTime.SafetyTimeout)).IsEmpty);
            time.Advance(TimeSpan.FromSeconds(1));

            Assert.True((await queued.WaitAsync(WatchedTime.SafetyTimeout)).IsEmpty);
            Assert.Equal(3, requests());
        }
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Resilience:MaxRetries", "-1", "Connectors:Wings:Resilience:MaxRetries is -1; it must be between 0 and 100." },
        { "Resilience:MaxRetries", "three", "Connectors:Wings:Resilience:MaxRetries is 'three', which is not a whole number." },
        { "Resilience:BaseDelay", "soon", "Connectors:Wings:Resilience:BaseDelay is 'soon', which is not a time span" },
        { "Resilience:MaxDelay", "00:00:00.1", "Connectors:Wings:Resilience:MaxDelay is 00:00:00.1000000; it must be at least BaseDelay" },
        { "Resilience:MaxRetryAfter", "-00:00:01", "Connectors:Wings:Resilience:MaxRetryAfter is -00:00:01; it must not be negative." },
        { "Resilience:AttemptTimeout", "00:00:00", "Connectors:Wings:Resilience:AttemptTimeout is 00:00:00;" },
        { "Resilience:AttemptTimeout", "2.00:00:00", "Connectors:Wings:Resilience:AttemptTimeout is 2.00:00:00;" },
        { "Resilience:Enabled", "yes", "Connectors:Wings:Resilience:Enabled is 'yes', which is not true or false." },
        { "Resilience:CircuitBreaker:Enabled", "maybe", "Connectors:Wings:Resilience:CircuitBreaker:Enabled is 'maybe', which is not true or false." },
        { "Resilience:RateLimit:Kind", "Leaky", "Connectors:Wings:Resilience:RateLimit:Kind is 'Leaky'; use None, TokenBucket or FixedWindow." },
        { "Resilience:RateLimit:Kind", "1", "Connectors:Wings:Resilience:RateLimit:Kind is '1'; use None, TokenBucket or FixedWindow." },
        { "Endpoints:getWing:Resilience:MaxRetries", "-2", "Connectors:Wings:Endpoints:getWing:Resilience:MaxRetries is -2; it must be between 0 and 100." },
        { "Endpoints:getWing:Resilience:MaxRetries", "many", "Connectors:Wings:Endpoints:getWing:Resilience:MaxRetries is 'many', which is not a whole number." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ValidateOnStart_BadResilienceValue_NamesItsConfigurationPath(string key, string value, string expected)
    {
        var failures = ValidateFailures(new() { [key] = value });

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_CircuitBreakerAndRateLimitOutOfRange_ReportsEachByPath()
    {
        var failures = ValidateFailures(new()
        {
            ["Resilience:CircuitBreaker:Enabled"] = "true",
            ["Resilience:CircuitBreaker:FailureRatio"] = "1.5",
            ["Resilience:CircuitBreaker:MinimumThroughput"] = "1",
            ["Resilience:CircuitBreaker:BreakDuration"] = "2.00:00:00",
            ["Resilience:RateLimit:Kind"] = "TokenBucket",
            ["Resilience:RateLimit:PermitLimit"] = "0",
            ["Resilience:RateLimit:QueueLimit"] = "-1",
        });

        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Resilience:CircuitBreaker:FailureRatio is 1.5;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Resilience:CircuitBreaker:MinimumThroughput is 1;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Resilience:CircuitBreaker:BreakDuration is 2.00:00:00;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Resilience:RateLimit:PermitLimit is 0;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Connectors:Wings:Resilience:RateLimit:QueueLimit is -1;", StringComparison.Ordinal));
        Assert.Equal(5, failures.Count);
    }

    [Fact]
    public void ValidateOnStart_GoodResilienceSection_Passes()
    {
        var failures = ValidateFailures(new()
        {
            ["Resilience:MaxRetries"] = "5",
            ["Resilience:AttemptTimeout"] = "1.00:00:00",
            ["Resilience:CircuitBreaker:Enabled"] = "true",
            ["Resilience:CircuitBreaker:BreakDuration"] = "1.00:00:00",
            ["Resilience:RateLimit:Kind"] = "TokenBucket",
            ["Endpoints:getWing:Resilience:AttemptTimeout"] = "00:00:00.010",
        });

        Assert.Empty(failures);
    }

    public static TheoryData<string, Action<ConnectorResilienceOptions>> OutOfRangeForThePipeline => new()
    {
        { "Resilience:AttemptTimeout", r => r.AttemptTimeout = TimeSpan.FromDays(2) },
        { "Resilience:AttemptTimeout", r => r.AttemptTimeout = TimeSpan.FromMilliseconds(5) },
        { "Resilience:CircuitBreaker:SamplingDuration", r => (r.CircuitBreaker.Enabled, r.CircuitBreaker.SamplingDuration) = (true, TimeSpan.FromDays(2)) },
        { "Resilience:CircuitBreaker:BreakDuration", r => (r.CircuitBreaker.Enabled, r.CircuitBreaker.BreakDuration) = (true, TimeSpan.FromDays(2)) },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeForThePipeline))]
    public void Constructor_SettingThePipelineCannotTake_ThrowsArgumentExceptionNamingIt(string setting, Action<ConnectorResilienceOptions> configure)
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        configure(options.Resilience);

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Contains(setting, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(86_400_000)]
    public async Task SendAsync_AttemptTimeoutAtTheEdgesOfItsRange_Works(int milliseconds)
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime(), o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(milliseconds));

        var result = await client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
    }

    [Fact]
    public async Task SendAsync_EndpointOverrideThePipelineCannotTake_ThrowsArgumentExceptionNamingIt()
    {
        using var api = new ScriptedApi(_ => ScriptedApi.Data());
        using var client = api.CreateClient(new WatchedTime());
        var endpoint = ConnectorEndpoint.Get("wings/7").WithResilience(r => r.AttemptTimeout = TimeSpan.FromDays(3)).Build();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Contains("Resilience:AttemptTimeout is 3.00:00:00", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Count);
    }

    private static IConnectorEndpoint Ping { get; } = ConnectorEndpoint.Get("ping").Build();

    /// <summary>A configuration-bound connector with a fixed window of one request per second, on fake time, over an API that answers 204.</summary>
    private static (IConfigurationRoot Configuration, ServiceProvider Provider, Func<int> Requests) RateLimitedConnector(int queue = 0)
    {
        var configuration = ConnectorTestHost.Configuration(
            ("Connectors:Wings:BaseAddress", "https://api.test/v1/"),
            ("Connectors:Wings:Timeout", "-00:00:00.001"),
            ("Connectors:Wings:Resilience:RateLimit:Kind", "FixedWindow"),
            ("Connectors:Wings:Resilience:RateLimit:PermitLimit", "1"),
            ("Connectors:Wings:Resilience:RateLimit:Window", "00:00:01"),
            ("Connectors:Wings:Resilience:RateLimit:QueueLimit", queue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var handler = new MockHttpMessageHandler();
        var requests = 0;
        handler.Fallback.Respond(_ =>
        {
            Interlocked.Increment(ref requests);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new WatchedTime());
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings")).UseHandler(handler);
        return (configuration, services.BuildServiceProvider(), () => Volatile.Read(ref requests));
    }

    private static List<string> ValidateFailures(Dictionary<string, string> values)
    {
        var settings = new Dictionary<string, string?> { ["Connectors:Wings:BaseAddress"] = "https://api.test/" };
        foreach (var (key, value) in values)
        {
            settings[$"Connectors:Wings:{key}"] = value;
            if (key.StartsWith("Endpoints:", StringComparison.Ordinal))
            {
                settings.TryAdd($"Connectors:Wings:Endpoints:{key.Split(':')[1]}:Path", "wings/{id}");
            }
        }

        return ConnectorTestHost.StartupFailures(settings);
    }
}
