using CustomConnector.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomConnector.Redis.Tests;

public sealed class ConnectorRedisBuilderExtensionsTests
{
    [Fact]
    public void AddRedisTokenCache_NoConfiguration_FailsAtStartupNamingTheSetting()
    {
        using var provider = Services(new Dictionary<string, string?>(), connector => connector.AddRedisTokenCache());

        var exception = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:Wings:Redis:Configuration is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisRateLimit_BadConfigurationString_FailsAtStartupWithoutQuotingIt()
    {
        using var provider = Services(
            new() { ["Connectors:Wings:Redis:Configuration"] = "127.0.0.1:6379,password=hunter2-secret,nosuchoption=1", ["Connectors:Wings:Redis:OperationTimeout"] = "5" },
            connector => connector.AddRedisRateLimit(limit => limit.PermitLimit = 5));

        var exception = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:Wings:Redis:Configuration is not a valid", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Connectors:Wings:Redis:OperationTimeout is not a time span", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisRateLimit_InvalidLimit_ThrowsListingEveryProblem()
    {
        var services = new ServiceCollection();
        var connector = services.AddCustomConnector("Wings", o => o.BaseAddress = new Uri("https://api.test/"));

        var exception = Assert.Throws<ArgumentException>(() => connector.AddRedisRateLimit(limit =>
        {
            limit.PermitLimit = 0;
            limit.Window = TimeSpan.Zero;
        }));

        Assert.Contains("PermitLimit is 0", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Window is 00:00:00", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisTokenCacheAndRateLimit_FromConfiguration_PlugIntoTheConnectorsSeams()
    {
        using var provider = Services(
            new() { ["Connectors:Wings:Redis:Configuration"] = "127.0.0.1:1" },
            connector => connector.AddRedisTokenCache().AddRedisRateLimit(limit => limit.PermitLimit = 5));

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<ConnectorClientOptions>>().Get("Wings");

        Assert.IsType<RedisOAuth2TokenCache>(options.AuthenticationSettings.OAuth2.TokenCache);
        Assert.IsType<RedisConnectorRateLimiter>(options.Resilience.RateLimit.Limiter);
        Assert.Equal("127.0.0.1:1", provider.GetRequiredService<IOptionsMonitor<RedisConnectorOptions>>().Get("Wings").Configuration);
    }

    [Fact]
    public void ToString_Options_HidesTheConnectionString()
    {
        var options = new RedisConnectorOptions { Configuration = "127.0.0.1,password=hunter2-secret" };

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IConnectorBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var connector = services.AddCustomConnector("Wings", o => o.BaseAddress = new Uri("https://api.test/"))
            .AddOAuth2ClientCredentials(o =>
            {
                o.TokenEndpoint = new Uri("https://auth.test/token");
                o.ClientId = "client";
                o.ClientSecret = "secret";
            });
        configure(connector);
        return services.BuildServiceProvider();
    }
}
