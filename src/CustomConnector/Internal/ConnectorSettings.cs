using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomConnector.Internal;

/// <summary>An immutable, validated copy of <see cref="ConnectorClientOptions"/>, taken when a client is created.</summary>
internal sealed class ConnectorSettings : IDisposable
{
    private readonly Lazy<IAuthenticationHeaderProvider?>? _settingsAuthentication;
    private HttpClient? _ownedTokenClient;
    private ConnectorResilience? _resilience;
    private Polly.ResiliencePipeline? _callPipeline;
    private int _callPipelineBuilt;

    /// <param name="options">The options to copy and validate.</param>
    /// <param name="paramName">The argument name that exceptions report.</param>
    /// <param name="fallbackBaseAddress">The base address used when the options have none (an <see cref="HttpClient"/>'s own).</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists every problem, one per line.</exception>
    public ConnectorSettings(ConnectorClientOptions options, string paramName, Uri? fallbackBaseAddress = null)
        : this(options, paramName, new ConnectorValidationContext(string.Empty, FallbackBaseAddress: fallbackBaseAddress), resolvedAuthentication: null)
    {
    }

    /// <param name="options">The options to copy and validate.</param>
    /// <param name="paramName">The argument name that exceptions report.</param>
    /// <param name="context">Where the options come from (names the settings in messages).</param>
    /// <param name="resolvedAuthentication">
    /// The provider dependency injection built (from the options' settings, or from the container); when
    /// <see langword="null"/>, the options' provider, else one built here from their settings and owned by these settings.
    /// </param>
    internal ConnectorSettings(ConnectorClientOptions options, string paramName, in ConnectorValidationContext context, IAuthenticationHeaderProvider? resolvedAuthentication)
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        ConnectorClientOptionsValidator.ThrowIfInvalid(options, context, paramName);
        var fallbackBaseAddress = context.FallbackBaseAddress;
        var authentication = resolvedAuthentication ?? options.Authentication;
        if (authentication is null && !context.HasProviderFromServices)
        {
            if (options.AuthenticationSettings.Type == ConnectorAuthenticationType.OAuth2ClientCredentials)
            {
                // Built on first use, from a copy taken now: settings made only to parse responses never open a token client.
                var oauthOptions = ConnectorAuthenticationFactory.OAuth2Options(options);
                var timeProvider = options.TimeProvider ?? TimeProvider.System;
                _settingsAuthentication = new Lazy<IAuthenticationHeaderProvider?>(() =>
                {
                    _ownedTokenClient = new HttpClient(PrimaryHandler.Create(), disposeHandler: true);
                    return new OAuth2ClientCredentialsProvider(oauthOptions, _ownedTokenClient, timeProvider);
                });
            }
            else
            {
                authentication = ConnectorAuthenticationFactory.Create(options, tokenClient: null, TimeProvider.System);
            }
        }

        var redaction = RedactionPolicy.Create(options.SensitiveQueryParameters, CredentialQueryParameters.Of(authentication));
        BaseAddress = options.BaseAddress ?? fallbackBaseAddress;
        Envelope = options.Envelope.Freeze();
        MaxResponseContentBytes = options.MaxResponseContentBytes;
        // A copy: the reflection overloads make the options read-only, which must not reach the caller's instance.
        SerializerOptions = options.SerializerOptions is { } serializerOptions ? new JsonSerializerOptions(serializerOptions) : ConnectorDefaults.SerializerOptions;
        Timeout = options.Timeout;
        AllowInsecureHttp = options.AllowInsecureHttp;
        ExceptionMap = options.ExceptionMap.Clone();
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Endpoints = options.Endpoints.Count == 0 ? EndpointCatalog.Empty : new EndpointCatalog(options.Endpoints, ConnectorClientOptionsValidator.Path(context.Prefix, "Endpoints"), paramName);
        Redaction = redaction;
        ResilienceOptions = options.Resilience.Clone();
        Logger = options.LoggerFactory?.CreateLogger("CustomConnector.ConnectorClient") ?? NullLogger.Instance;
        ConnectorName = context.ConnectorName;
        var instruments = ConnectorInstruments.For(options.MeterFactory);
        Telemetry = new ConnectorTelemetry(Logger, instruments, ConnectorName, TimeProvider);
        PageTelemetry = new PageTelemetry(Logger, ConnectorName, instruments);
        Sending = new SendSettings(authentication, _settingsAuthentication)
        {
            BaseAddress = BaseAddress,
            TrustedOrigins = [.. options.TrustedOrigins],
            DefaultHeaders = [.. options.DefaultHeaders],
            HasCredentialDefaultHeaders = PlainHttpRule.AnyCredentialHeader(options.DefaultHeaders.Keys),
            FollowRedirects = options.FollowRedirects,
            MaxRedirects = options.MaxRedirects,
            SerializerOptions = SerializerOptions,
        };
    }

    public Uri? BaseAddress { get; }

    /// <summary>Gets what the hop sender and the trust policy need of these settings.</summary>
    public SendSettings Sending { get; }

    public ConnectorEnvelopeOptions Envelope { get; }

    public long MaxResponseContentBytes { get; }

    public JsonSerializerOptions SerializerOptions { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Gets a value indicating whether credentials may go over plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; }

    public ConnectorExceptionMap ExceptionMap { get; }

    /// <summary>Gets the client's redaction policy: its sensitive names plus its provider's query names (a call widens it with its endpoint's provider).</summary>
    public RedactionPolicy Redaction { get; }

    public TimeProvider TimeProvider { get; }

    public EndpointCatalog Endpoints { get; }

    public ConnectorResilienceOptions ResilienceOptions { get; }

    public ILogger Logger { get; }

    /// <summary>Gets the connector's name in dependency injection; <see langword="null"/> for a client made in code.</summary>
    public string? ConnectorName { get; }

    /// <summary>Gets the connector's telemetry stage: activities, call logs and instruments, on the connector's logger and meter.</summary>
    public ConnectorTelemetry Telemetry { get; }

    /// <summary>Gets the telemetry of page walks, on the same logger and instruments.</summary>
    public PageTelemetry PageTelemetry { get; }


    /// <summary>Gets the connector's pipelines, built on first use (a settings copy made only to parse responses never needs them).</summary>
    public ConnectorResilience Resilience
    {
        get
        {
            var resilience = Volatile.Read(ref _resilience);
            if (resilience is not null)
            {
                return resilience;
            }

            var created = new ConnectorResilience(ResilienceOptions, TimeProvider, Telemetry);
            var winner = Interlocked.CompareExchange(ref _resilience, created, null);
            if (winner is null)
            {
                return created;
            }

            created.Dispose();
            return winner;
        }
    }

    /// <summary>Gets the pipeline around a whole call (total timeout, rate limit), built on first use; <see langword="null"/> when it would do nothing.</summary>
    public Polly.ResiliencePipeline? CallPipeline
    {
        get
        {
            if (Volatile.Read(ref _callPipelineBuilt) == 0)
            {
                // Built at most a few times in a race, harmlessly: the rate limiter inside is the connector's one.
                _callPipeline = Resilience.CreateCallPipeline(Timeout);
                Volatile.Write(ref _callPipelineBuilt, 1);
            }

            return _callPipeline;
        }
    }

    /// <summary>Takes over another settings' pipelines, so a configuration reload that left resilience alone keeps the circuit's state.</summary>
    public void AdoptResilience(ConnectorResilience resilience) => Interlocked.CompareExchange(ref _resilience, resilience, null);

    public void Dispose()
    {
        _resilience?.Dispose();
        if (_settingsAuthentication is { IsValueCreated: true })
        {
            Volatile.Read(ref _ownedTokenClient)?.Dispose();
        }
    }
}
