using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Settings of a <see cref="ConnectorClient"/>. The client copies them when it is created; later changes do not affect it.</summary>
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
    /// <value>The default is <see langword="null"/> (no authentication).</value>
    public IAuthenticationHeaderProvider? Authentication { get; set; }

    /// <summary>
    /// Gets the origins, besides the base address's, that may receive credentials (for endpoints
    /// with an absolute URI on another host). Only scheme, host and port of each entry count.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<Uri> TrustedOrigins { get; } = [];

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

    /// <summary>Gets the query parameter names whose values are redacted from exceptions, logs and <c>ToString()</c> (case-insensitive).</summary>
    /// <value>The default holds common credential names such as <c>api_key</c>, <c>token</c>, <c>access_token</c>, <c>client_secret</c>, <c>password</c>, <c>sig</c>.</value>
    public ISet<string> SensitiveQueryParameters { get; } = new HashSet<string>(ConnectorDefaults.SensitiveQueryParameters, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the endpoints defined by name, for <see cref="IConnectorClient.GetEndpoint"/>.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, ConnectorEndpointOptions> Endpoints { get; } = new Dictionary<string, ConnectorEndpointOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the retry, attempt timeout, circuit breaker and rate limit settings.</summary>
    public ConnectorResilienceOptions Resilience { get; } = new();

    /// <summary>Gets or sets the factory for the client's logger (retries, circuit changes); <see langword="null"/> for no logging.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets the clock for timeouts and <c>Retry-After</c> dates.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
