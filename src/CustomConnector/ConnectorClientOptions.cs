using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Settings of a connector: of a <see cref="ConnectorClient"/> created in code, and of one registered with
/// <c>AddCustomConnector</c>, whose configuration section binds to these same properties (by name:
/// <c>Connectors:Wings:Timeout</c> is <see cref="Timeout"/>). Both are checked by the same rules: a client
/// created in code throws an <see cref="ArgumentException"/> listing every problem, a registered connector
/// fails at startup. The client copies the settings when it is created; later changes do not affect it.
/// </summary>
public sealed class ConnectorClientOptions
{
    /// <summary>
    /// Gets or sets the base address that relative endpoint URIs are joined to. Its path is always
    /// kept: <c>https://h/api/v1</c> and <c>https://h/api/v1/</c> with <c>wings</c> or <c>/wings</c>
    /// all give <c>https://h/api/v1/wings</c>. Its origin is the one that receives credentials.
    /// </summary>
    /// <value>The default is <see langword="null"/>: every endpoint must then be absolute.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the authentication applied to every request to a trusted origin, unless the endpoint overrides it.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="AuthenticationSettings"/> decide (no authentication unless they name one).</value>
    /// <remarks>Set either this provider or <see cref="AuthenticationSettings"/>; both at once is refused, since one would be ignored.</remarks>
    public IAuthenticationHeaderProvider? Authentication { get; set; }

    /// <summary>
    /// Gets the authentication described by settings rather than by a provider object: the <c>Authentication</c>
    /// section of a connector's configuration (<c>Type</c>, <c>ApiKeyName</c>, <c>TokenEndpoint</c>, ...) binds here.
    /// The client builds the matching provider when it is created.
    /// </summary>
    /// <value>The default is <see cref="ConnectorAuthenticationType.None"/>.</value>
    public ConnectorAuthenticationOptions AuthenticationSettings { get; } = new();

    /// <summary>
    /// Gets the origins, besides the base address's, that may receive credentials (for endpoints
    /// with an absolute URI on another host). Only scheme, host and port of each entry count.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<Uri> TrustedOrigins { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether credentials may be sent over plain <c>http://</c> to a host
    /// that is not loopback: the base address, <see cref="TrustedOrigins"/>, and absolute endpoint URIs
    /// that receive credentials. Leave it off outside of closed test networks.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>: the client refuses such settings when it is created
    /// (<see cref="ArgumentException"/>), and such an endpoint when it is sent. Loopback means an IP
    /// loopback address (127.0.0.0/8, <c>::1</c>) or the name <c>localhost</c>; names such as
    /// <c>loopback</c> or <c>app.localhost</c> are not, since they may resolve elsewhere. An OAuth 2.0
    /// token endpoint is checked by its provider (<see cref="OAuth2ClientCredentialsOptions.AllowInsecureHttp"/>).
    /// </value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets the names of the envelope's data and error properties.</summary>
    /// <value>The defaults are <c>data</c> and <c>error</c>.</value>
    public ConnectorEnvelopeOptions Envelope { get; } = new();

    /// <summary>
    /// Gets or sets the most bytes of a response body that are read; a larger body fails with <see cref="ConnectorResponseFormatException"/>.
    /// When paging it applies to each page, and for <see cref="IConnectorClient.StreamDataAsync{T}"/> to each element of the array.
    /// </summary>
    /// <value>The default is 33,554,432 (32 MiB).</value>
    public long MaxResponseContentBytes { get; set; } = ConnectorDefaults.MaxResponseContentBytes;

    /// <summary>Gets or sets the serializer options for reflection-based bodies and payloads (the overloads without a <c>JsonTypeInfo</c>).</summary>
    /// <value>The default is the web defaults: camelCase names, case-insensitive reads.</value>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>Gets or sets the time budget of a whole call, redirects and body included: positive and at most about 49 days, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    /// <value>The default is 100 seconds.</value>
    public TimeSpan Timeout { get; set; } = ConnectorDefaults.Timeout;

    /// <summary>
    /// Gets the headers sent with every request; an endpoint header of the same name replaces one of these.
    /// Names are RFC 9110 tokens; values are printable ASCII, spaces and tabs (checked when the client is created).
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets a value indicating whether the client follows redirects (301, 302, 303, 307, 308).
    /// Same-origin hops keep credentials; a hop to another origin is sent without any credential or custom header.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>Gets or sets the most redirect hops followed for one call.</summary>
    /// <value>The default is 5.</value>
    public int MaxRedirects { get; set; } = ConnectorDefaults.MaxRedirects;

    /// <summary>Gets the map from error status to exception; register your own exception types here.</summary>
    public ConnectorExceptionMap ExceptionMap { get; } = new();

    /// <summary>
    /// Gets the query parameter names whose values are redacted from exceptions, logs, activity tags and
    /// <c>ToString()</c>. Names match case-insensitively and after percent-decoding; the name of a query
    /// <see cref="ApiKeyProvider"/> in use (the client's or an endpoint's) is always added. User info and
    /// fragments are never written.
    /// </summary>
    /// <value>
    /// The default holds common credential names: <c>api_key</c>, <c>apikey</c>, <c>api-key</c>, <c>x-api-key</c>,
    /// <c>key</c>, <c>token</c>, <c>access_token</c>, <c>access-token</c>, <c>id_token</c>, <c>refresh_token</c>,
    /// <c>client_secret</c>, <c>password</c>, <c>pwd</c>, <c>secret</c>, <c>sig</c>, <c>signature</c>, <c>auth</c>,
    /// <c>code</c>, <c>subscription-key</c>, <c>X-Amz-Signature</c>, <c>X-Amz-Credential</c>,
    /// <c>X-Amz-Security-Token</c>, <c>X-Goog-Signature</c>, <c>X-Goog-Credential</c>.
    /// </value>
    public ISet<string> SensitiveQueryParameters { get; } = new HashSet<string>(ConnectorDefaults.SensitiveQueryParameters, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the endpoints defined by name, for <see cref="IConnectorClient.GetEndpoint"/>.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, ConnectorEndpointOptions> Endpoints { get; } = new Dictionary<string, ConnectorEndpointOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the retry, attempt timeout, circuit breaker and rate limit settings.</summary>
    public ConnectorResilienceOptions Resilience { get; } = new();

    /// <summary>Gets or sets the factory for the client's logger (each call, retries, rate-limit rejections, circuit changes); <see langword="null"/> for no logging.</summary>
    /// <value>The default is <see langword="null"/>; a connector registered with <c>AddCustomConnector</c> then uses the container's.</value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the factory of the meter the client measures with (<see cref="ConnectorDiagnostics.MeterName"/>);
    /// <see langword="null"/> for the library's one shared meter.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>; a connector registered with <c>AddCustomConnector</c> then uses the
    /// container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, so that each container (and each test's
    /// <c>MetricCollector</c>) sees only its own measurements.
    /// </value>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets the clock for timeouts, <c>Retry-After</c> dates and token expiry.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; a connector registered with <c>AddCustomConnector</c> then uses the container's <see cref="System.TimeProvider"/>, if it has one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the configuration values that could not be bound (malformed or unknown keys), reported by validation with the rest.</summary>
    internal List<string> BindingErrors { get; } = [];
}
