using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The settings of a connector registered with <c>AddCustomConnector</c>; every field binds from
/// configuration and is validated at startup. Changes to a bound configuration section apply to
/// the next request.
/// </summary>
public sealed class ConnectorOptions
{
    /// <summary>Gets or sets the base address relative endpoints are joined to (required). See <see cref="ConnectorClientOptions.BaseAddress"/>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the time budget of a whole call.</summary>
    /// <value>The default is 100 seconds.</value>
    public TimeSpan Timeout { get; set; } = ConnectorDefaults.Timeout;

    /// <summary>Gets the headers sent with every request; values are printable ASCII, spaces and tabs (checked at startup).</summary>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the authentication settings.</summary>
    public ConnectorAuthenticationOptions Authentication { get; } = new();

    /// <summary>Gets the endpoints defined by name, for <see cref="IConnectorClient.GetEndpoint"/>.</summary>
    public IDictionary<string, ConnectorEndpointOptions> Endpoints { get; } = new Dictionary<string, ConnectorEndpointOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the names of the envelope's data and error properties.</summary>
    public ConnectorEnvelopeOptions Envelope { get; } = new();

    /// <summary>Gets or sets the most bytes of a response body that are read.</summary>
    /// <value>The default is 33,554,432 (32 MiB).</value>
    public long MaxResponseContentBytes { get; set; } = ConnectorDefaults.MaxResponseContentBytes;

    /// <summary>Gets the origins, besides the base address's, that may receive credentials.</summary>
    public IList<Uri> TrustedOrigins { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether credentials may be sent over plain <c>http://</c> to a host
    /// that is not loopback. Leave it off outside of closed test networks.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets a value indicating whether redirects are followed (without credentials across origins).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool FollowRedirects { get; set; } = true;

    /// <summary>Gets or sets the most redirect hops followed for one call.</summary>
    /// <value>The default is 5.</value>
    public int MaxRedirects { get; set; } = ConnectorDefaults.MaxRedirects;

    /// <summary>Gets the map from error status to exception; register your own exception types here (in code).</summary>
    public ConnectorExceptionMap ExceptionMap { get; } = new();

    /// <summary>Gets or sets the serializer options for the reflection-based overloads (in code).</summary>
    /// <value>The default is <see langword="null"/>: the web defaults.</value>
    public System.Text.Json.JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>Gets the extra query parameter names whose values are redacted from exceptions, logs and <c>ToString()</c>, besides the built-in credential names.</summary>
    public ISet<string> SensitiveQueryParameters { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the retry, timeout, circuit breaker and rate limit settings.</summary>
    public ConnectorResilienceOptions Resilience { get; } = new();

    /// <summary>Gets the values configuration held that could not be converted; the validator reports them with the rest.</summary>
    internal List<string> BindingErrors { get; } = [];
}
