using CustomConnector;
using CustomConnector.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares a connector's OAuth tokens and rate limit with the other host instances through Redis.</summary>
public static class ConnectorRedisBuilderExtensions
{
    /// <summary>
    /// Keeps the connector's OAuth 2.0 client credentials tokens in Redis, so that all host instances share
    /// one token and make one token request per expiry window: one instance fetches under a short Redis lock
    /// while the others wait for it (at most <see cref="RedisConnectorOptions.LockWait"/>, then they fetch on
    /// their own), and a token the API refuses is removed once, whichever instances saw the 401.
    /// </summary>
    /// <remarks>
    /// The Redis connection comes from <c>Connectors:{name}:Redis:Configuration</c> (then
    /// <paramref name="configure"/>), validated at startup. Tokens are protected with ASP.NET Core Data
    /// Protection when the host registers it (<c>services.AddDataProtection()</c>, with a key ring every
    /// instance shares); otherwise the access token is stored in Redis as is. The secret is never stored:
    /// keys are a hash. While Redis is unreachable tokens live in process and are written back when it returns.
    /// </remarks>
    /// <param name="builder">The connector.</param>
    /// <param name="configure">Changes the Redis settings read from configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IConnectorBuilder AddRedisTokenCache(this IConnectorBuilder builder, Action<RedisConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        AddConnection(builder, configure);
        builder.Services.AddKeyedSingleton(name, static (services, key) => new RedisOAuth2TokenCache(
            services.GetRequiredKeyedService<RedisConnection>(key),
            services.GetService<IDataProtectionProvider>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddOptions<ConnectorClientOptions>(name).PostConfigure<IServiceProvider>((options, services) =>
            options.AuthenticationSettings.OAuth2.TokenCache ??= services.GetRequiredKeyedService<RedisOAuth2TokenCache>(name));
        return builder;
    }

    /// <summary>
    /// Limits the connector's calls with a limit that all host instances share through Redis
    /// (RedisRateLimiting: fixed window, sliding window or token bucket), replacing the connector's own
    /// <c>Resilience:RateLimit</c>. Every attempt takes one permit; a call over the limit waits for one.
    /// </summary>
    /// <remarks>
    /// While Redis is unreachable each instance keeps <see cref="RedisRateLimitOptions.FallbackPermitLimit"/>
    /// on its own. The limit applies while the connector's <c>Resilience:Enabled</c> is on (the default).
    /// </remarks>
    /// <param name="builder">The connector.</param>
    /// <param name="configure">Sets the limit.</param>
    /// <param name="configureRedis">Changes the Redis settings read from configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException">The limit's settings are invalid; the message lists every problem.</exception>
    public static IConnectorBuilder AddRedisRateLimit(this IConnectorBuilder builder, Action<RedisRateLimitOptions> configure, Action<RedisConnectorOptions>? configureRedis = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var limit = new RedisRateLimitOptions();
        configure(limit);
        RedisConnectorOptionsSetup.ThrowIfInvalid(limit, nameof(configure));
        var name = builder.Name;
        AddConnection(builder, configureRedis);
        builder.Services.AddKeyedSingleton(name, (services, key) => new RedisConnectorRateLimiter(
            services.GetRequiredKeyedService<RedisConnection>(key),
            limit,
            services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddOptions<ConnectorClientOptions>(name).PostConfigure<IServiceProvider>((options, services) =>
            options.Resilience.RateLimit.Limiter ??= services.GetRequiredKeyedService<RedisConnectorRateLimiter>(name));
        return builder;
    }

    private static void AddConnection(IConnectorBuilder builder, Action<RedisConnectorOptions>? configure)
    {
        var name = builder.Name;
        var services = builder.Services;
        var optionsBuilder = services.AddOptions<RedisConnectorOptions>(name);
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(RedisConnection) && Equals(descriptor.ServiceKey, name)))
        {
            var setup = new RedisConnectorOptionsSetup(name);
            optionsBuilder.Configure<IServiceProvider>((options, provider) => setup.Read(provider.GetService<IConfiguration>(), options));
            services.AddSingleton<IValidateOptions<RedisConnectorOptions>>(setup);
            optionsBuilder.ValidateOnStart();
            services.AddKeyedSingleton(name, static (provider, key) => new RedisConnection(
                (string)key!,
                provider.GetRequiredService<IOptionsMonitor<RedisConnectorOptions>>().Get((string)key!),
                provider.GetService<ILoggerFactory>()?.CreateLogger("CustomConnector.Redis") ?? NullLogger.Instance,
                provider.GetService<TimeProvider>() ?? TimeProvider.System));
        }

        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
    }
}
