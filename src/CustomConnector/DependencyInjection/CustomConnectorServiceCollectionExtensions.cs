using System.Diagnostics.CodeAnalysis;
using CustomConnector;
using CustomConnector.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers connectors in a service collection.</summary>
public static class CustomConnectorServiceCollectionExtensions
{
    /// <summary>Registers a connector configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The connector's name: the key of its keyed <see cref="IConnectorClient"/>, its <see cref="IHttpClientFactory"/> client and its named options.</param>
    /// <param name="configure">Sets the connector's options.</param>
    /// <returns>A builder for authentication and HTTP settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A connector with that name is already registered.</exception>
    public static IConnectorBuilder AddCustomConnector(this IServiceCollection services, string name, Action<ConnectorClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddCustomConnectorCore(services, name, name, builder => builder.Configure(configure));
    }

    /// <summary>Registers a connector bound to a configuration section, such as <c>Connectors:Wings</c>; changes to the section apply to the next request.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configuration">The section holding the connector's settings (the properties of <see cref="ConnectorClientOptions"/>, by name; unknown keys are reported at startup).</param>
    /// <returns>A builder for authentication and HTTP settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A connector with that name is already registered.</exception>
    public static IConnectorBuilder AddCustomConnector(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration is IConfigurationSection section ? section.Path : name;
        return AddCustomConnectorCore(services, name, path, builder =>
        {
            builder.Services.AddSingleton<IOptionsChangeTokenSource<ConnectorClientOptions>>(new ConfigurationChangeTokenSource<ConnectorClientOptions>(name, configuration));
            builder.Configure(options => ConnectorOptionsBinder.Bind(configuration, options, path));
        });
    }

    /// <summary>Registers a connector configured in code, and <typeparamref name="TClient"/> as a transient service that receives its <see cref="IConnectorClient"/>.</summary>
    /// <typeparam name="TClient">Your API client class; its constructor takes an <see cref="IConnectorClient"/> (and any other services).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Sets the connector's options.</param>
    /// <returns>A builder for authentication and HTTP settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A connector with that name is already registered.</exception>
    public static IConnectorBuilder AddCustomConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(this IServiceCollection services, string name, Action<ConnectorClientOptions> configure)
        where TClient : class
    {
        var builder = services.AddCustomConnector(name, configure);
        AddTypedClient<TClient>(builder);
        return builder;
    }

    /// <summary>Registers a connector bound to a configuration section, and <typeparamref name="TClient"/> as a transient service that receives its <see cref="IConnectorClient"/>.</summary>
    /// <typeparam name="TClient">Your API client class; its constructor takes an <see cref="IConnectorClient"/> (and any other services).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configuration">The section holding the connector's settings.</param>
    /// <returns>A builder for authentication and HTTP settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A connector with that name is already registered.</exception>
    public static IConnectorBuilder AddCustomConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(this IServiceCollection services, string name, IConfiguration configuration)
        where TClient : class
    {
        var builder = services.AddCustomConnector(name, configuration);
        AddTypedClient<TClient>(builder);
        return builder;
    }

    private static ConnectorBuilder AddCustomConnectorCore(IServiceCollection services, string name, string configurationPath, Action<OptionsBuilder<ConnectorClientOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (FindRegistration(services, name) is not null)
        {
            throw new InvalidOperationException($"A connector named '{name}' is already registered. Give each connector its own name.");
        }

        var registration = new ConnectorRegistration(name, configurationPath);
        services.AddSingleton(registration);
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();
        services.AddSingleton<IValidateOptions<ConnectorClientOptions>>(new ConnectorOptionsValidator(registration));
        services.AddKeyedTransient<IConnectorClient>(name, static (provider, key) => provider.GetRequiredService<IConnectorClientFactory>().CreateClient((string)key!));

        var optionsBuilder = services.AddOptions<ConnectorClientOptions>(name);
        configureOptions(optionsBuilder);

        // Left at their defaults, the clock, the loggers and the meter are the container's.
        optionsBuilder.PostConfigure<IServiceProvider>(static (options, provider) =>
        {
            if (ReferenceEquals(options.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } timeProvider)
            {
                options.TimeProvider = timeProvider;
            }

            options.LoggerFactory ??= provider.GetService<Microsoft.Extensions.Logging.ILoggerFactory>();
            options.MeterFactory ??= provider.GetService<System.Diagnostics.Metrics.IMeterFactory>();
        });
        optionsBuilder.ValidateOnStart();

        // IHttpClientFactory's own loggers keep raw header values (Authorization, API keys) in
        // their structured state at Trace level: connector clients go without them.
        var httpClientBuilder = services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler.Create)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.AddHttpClient(registration.TokenClientName)
            .ConfigurePrimaryHttpMessageHandler(PrimaryHandler.Create)
            .RemoveAllLoggers();
        return new ConnectorBuilder(registration, services, httpClientBuilder);
    }

    internal static ConnectorRegistration? FindRegistration(IServiceCollection services, string name)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ConnectorRegistration) && !descriptor.IsKeyedService
                && descriptor.ImplementationInstance is ConnectorRegistration registration
                && string.Equals(registration.Name, name, StringComparison.Ordinal))
            {
                return registration;
            }
        }

        return null;
    }

    private static void AddTypedClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(IConnectorBuilder builder)
        where TClient : class
    {
        var name = builder.Name;
        builder.Services.AddTransient(provider =>
            ActivatorUtilities.CreateInstance<TClient>(provider, provider.GetRequiredService<IConnectorClientFactory>().CreateClient(name)));
    }
}
