using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomConnector.Internal;

/// <summary>An immutable, validated copy of <see cref="ConnectorClientOptions"/>, taken when a client is created.</summary>
internal sealed class ConnectorSettings : IDisposable
{
    private ConnectorResilience? _resilience;
    private Polly.ResiliencePipeline? _callPipeline;
    private int _callPipelineBuilt;

    /// <summary>The longest wait the timeout's <see cref="CancellationTokenSource"/> supports (about 49.7 days).</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <param name="options">The options to copy and validate.</param>
    /// <param name="paramName">The argument name that exceptions report.</param>
    /// <param name="fallbackBaseAddress">The base address used when the options have none (an <see cref="HttpClient"/>'s own).</param>
    public ConnectorSettings(ConnectorClientOptions options, string paramName, Uri? fallbackBaseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        var redaction = RedactionPolicy.Create(options.SensitiveQueryParameters, [options.Authentication]);
        if ((options.BaseAddress ?? fallbackBaseAddress) is { } baseAddress)
        {
            if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"BaseAddress '{redaction.Redact(baseAddress)}' must be an absolute http or https URI.", paramName);
            }

            if (baseAddress.Query.Length > 0 || baseAddress.Fragment.Length > 0)
            {
                throw new ArgumentException($"BaseAddress '{redaction.Redact(baseAddress).GetLeftPart(UriPartial.Path)}' must not have a query or fragment; put query parameters on the endpoints.", paramName);
            }

            if (baseAddress.UserInfo.Length > 0)
            {
                throw new ArgumentException("BaseAddress must not carry user-info (user:password@); use BasicAuthenticationProvider instead.", paramName);
            }
        }

        if (options.MaxResponseContentBytes <= 0)
        {
            throw new ArgumentException($"MaxResponseContentBytes is {options.MaxResponseContentBytes}; it must be positive.", paramName);
        }

        if ((options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout) && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            // Checked here: past MaxTimeout every call would fail with an ArgumentOutOfRangeException about a "delay".
            throw new ArgumentException($"Timeout is {options.Timeout}; it must be positive and at most {MaxTimeout} (about 49 days), or Timeout.InfiniteTimeSpan for none.", paramName);
        }

        if (options.MaxRedirects < 0)
        {
            throw new ArgumentException($"MaxRedirects is {options.MaxRedirects}; it must be zero or more.", paramName);
        }

        var trusted = new List<Uri>();
        foreach (var origin in options.TrustedOrigins)
        {
            if (origin is null || !origin.IsAbsoluteUri)
            {
                throw new ArgumentException("TrustedOrigins holds a null or relative URI; each entry must be an absolute http(s) URI such as https://auth.example.com.", paramName);
            }

            if (!options.AllowInsecureHttp && PlainHttpRule.IsInsecure(origin))
            {
                // A trusted origin exists to receive credentials.
                throw new ArgumentException($"TrustedOrigins holds {PlainHttpRule.Origin(origin)}, plain http to a host that is not loopback, which would receive credentials in clear text. {PlainHttpRule.Advice}", paramName);
            }

            trusted.Add(origin);
        }

        HasCredentialDefaultHeaders = PlainHttpRule.AnyCredentialHeader(options.DefaultHeaders.Keys);
        if ((options.BaseAddress ?? fallbackBaseAddress) is { } target && !options.AllowInsecureHttp && PlainHttpRule.IsInsecure(target)
            && (options.Authentication is not null || HasCredentialDefaultHeaders))
        {
            throw new ArgumentException($"BaseAddress is {PlainHttpRule.Origin(target)}, plain http to a host that is not loopback, and the client sends credentials (Authentication or a credential-like default header), which would cross the network in clear text. {PlainHttpRule.Advice}", paramName);
        }

        var defaultHeaders = new List<KeyValuePair<string, string>>(options.DefaultHeaders.Count);
        foreach (var (name, value) in options.DefaultHeaders)
        {
            HttpHeaderRules.ValidateName(name, paramName);
            HttpHeaderRules.ValidateValue(name, value, paramName);
            defaultHeaders.Add(new(name, value));
        }

        BaseAddress = options.BaseAddress ?? fallbackBaseAddress;
        Authentication = options.Authentication;
        TrustedOrigins = [.. trusted];
        Envelope = options.Envelope.Freeze();
        MaxResponseContentBytes = options.MaxResponseContentBytes;
        // A copy: the reflection overloads make the options read-only, which must not reach the caller's instance.
        SerializerOptions = options.SerializerOptions is { } serializerOptions ? new JsonSerializerOptions(serializerOptions) : ConnectorDefaults.SerializerOptions;
        Timeout = options.Timeout;
        DefaultHeaders = [.. defaultHeaders];
        FollowRedirects = options.FollowRedirects;
        AllowInsecureHttp = options.AllowInsecureHttp;
        MaxRedirects = options.MaxRedirects;
        ExceptionMap = options.ExceptionMap.Clone();
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Endpoints = options.Endpoints.Count == 0 ? EndpointCatalog.Empty : new EndpointCatalog(options.Endpoints, "Endpoints", paramName);
        Redaction = redaction;
        ConnectorResilienceValidator.ThrowIfInvalid(options.Resilience, paramName);
        ResilienceOptions = options.Resilience.Clone();
        Logger = options.LoggerFactory?.CreateLogger("CustomConnector.ConnectorClient") ?? NullLogger.Instance;
    }

    public Uri? BaseAddress { get; }

    public IAuthenticationHeaderProvider? Authentication { get; }

    public Uri[] TrustedOrigins { get; }

    public ConnectorEnvelopeOptions Envelope { get; }

    public long MaxResponseContentBytes { get; }

    public JsonSerializerOptions SerializerOptions { get; }

    public TimeSpan Timeout { get; }

    public KeyValuePair<string, string>[] DefaultHeaders { get; }

    public bool FollowRedirects { get; }

    /// <summary>Gets a value indicating whether credentials may go over plain http to a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; }

    /// <summary>Gets a value indicating whether a default header looks like a credential (see <see cref="PlainHttpRule.IsCredentialHeader"/>).</summary>
    public bool HasCredentialDefaultHeaders { get; }

    public int MaxRedirects { get; }

    public ConnectorExceptionMap ExceptionMap { get; }

    /// <summary>Gets the client's redaction policy: its sensitive names plus its provider's query names (a call widens it with its endpoint's provider).</summary>
    public RedactionPolicy Redaction { get; }

    public TimeProvider TimeProvider { get; }

    public EndpointCatalog Endpoints { get; }

    public ConnectorResilienceOptions ResilienceOptions { get; }

    public ILogger Logger { get; }


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

            var created = new ConnectorResilience(ResilienceOptions, TimeProvider, new ConnectorTelemetry(Logger));
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

    public void Dispose() => _resilience?.Dispose();

    /// <summary>True when credentials may be sent to <paramref name="uri"/>'s origin.</summary>
    public bool IsTrustedOrigin(Uri uri)
    {
        if (BaseAddress is not null && UriJoiner.SameOrigin(BaseAddress, uri))
        {
            return true;
        }

        foreach (var origin in TrustedOrigins)
        {
            if (UriJoiner.SameOrigin(origin, uri))
            {
                return true;
            }
        }

        return false;
    }
}
