using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The part of endpoint building that GET and POST share: name, path and query parameters,
/// headers, authentication and envelope.
/// </summary>
/// <typeparam name="TBuilder">The concrete builder, returned by each method so that calls chain.</typeparam>
/// <remarks>A builder is not thread-safe; the endpoint it builds is immutable and is.</remarks>
public abstract class ConnectorEndpointBuilder<TBuilder>
    where TBuilder : ConnectorEndpointBuilder<TBuilder>
{
    private readonly HttpMethod _method;
    private readonly UriTemplate _template;

    // Created on first use: an endpoint built per call pays only for what it sets.
    private string?[]? _pathValues;
    private List<KeyValuePair<string, string>>? _queryParameters;
    private List<KeyValuePair<string, string>>? _headers;
    private string? _name;
    private IAuthenticationHeaderProvider? _authentication;
    private bool _isAnonymous;
    private ConnectorEnvelopeOptions? _envelope;
    private EndpointBody? _body;
    private bool _asIdempotent;
    private string? _idempotencyKey;
    private bool _generatesIdempotencyKey;
    private Action<ConnectorResilienceOptions>? _resilience;
    private IPaginationStrategy? _pagination;

    private protected ConnectorEndpointBuilder(HttpMethod method, string uri)
    {
        _method = method;
        _template = UriTemplateCache.Get(uri, nameof(uri));
    }

    /// <summary>Gets the HTTP method.</summary>
    public HttpMethod Method => _method;

    /// <summary>Gets the endpoint URI as given, placeholders included.</summary>
    public string Template => _template.Text;

    private TBuilder This => (TBuilder)this;

    /// <summary>Sets the endpoint's name, used in exceptions and diagnostics.</summary>
    /// <param name="name">A short name such as <c>getWing</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or whitespace.</exception>
    public TBuilder WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return This;
    }

    /// <summary>Fills the <c>{name}</c> placeholder with <paramref name="value"/>, percent-encoded as one path segment.</summary>
    /// <param name="name">The placeholder's name, without braces.</param>
    /// <param name="value">The value, formatted with the invariant culture (ISO 8601 dates, lower-case booleans).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The URI has no such placeholder, or the value is null, empty, <c>.</c> or <c>..</c>, or holds an unpaired UTF-16 surrogate.</exception>
    public TBuilder WithPathParameter(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var index = _template.IndexOf(name);
        if (index < 0)
        {
            throw PathParameterRules.UnknownPlaceholder(_template, name, RedactionPolicy.Default.With(_authentication), nameof(name));
        }

        (_pathValues ??= new string?[_template.Placeholders.Count])[index] = PathParameterRules.Escape(name, value, nameof(value));
        return This;
    }

    /// <summary>
    /// Adds a query parameter, percent-encoded. Calling it again with the same name, or passing a
    /// collection, repeats the parameter (<c>?tag=a&amp;tag=b</c>). A <see langword="null"/> value adds nothing.
    /// </summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">The value (or values), formatted with the invariant culture.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or whitespace, or the name or a value holds an unpaired UTF-16 surrogate.</exception>
    public TBuilder WithQueryParameter(string name, object? value)
    {
        QueryParameterRules.Add(ref _queryParameters, name, value, nameof(name), nameof(value));
        return This;
    }

    /// <summary>Sets a header sent with every request to this endpoint, replacing any earlier value of the same name.</summary>
    /// <param name="name">The header name (an RFC 9110 token).</param>
    /// <param name="value">The value: printable ASCII, spaces and tabs (HttpClient refuses other characters when it sends).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not a valid token, or the value contains a control character (CR, LF, NUL and others) or a non-ASCII character.</exception>
    /// <remarks>
    /// Custom headers are not sent on a redirect to another origin, since they may carry credentials.
    /// Content headers such as <c>Content-Type</c> apply to the body: they replace the body's own
    /// (for example the JSON content type), and are not sent when the request has no body.
    /// </remarks>
    public TBuilder WithHeader(string name, string value)
    {
        HttpHeaderRules.ValidateName(name, nameof(name));
        HttpHeaderRules.ValidateValue(name, value, nameof(value));
        _headers ??= [];
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                _headers.RemoveAt(i);
            }
        }

        _headers.Add(new(name, value));
        return This;
    }

    /// <summary>Authenticates requests to this endpoint with <paramref name="provider"/> instead of the client's provider.</summary>
    /// <param name="provider">The provider to use.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    public TBuilder WithAuthentication(IAuthenticationHeaderProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _authentication = provider;
        _isAnonymous = false;
        return This;
    }

    /// <summary>Sends requests to this endpoint without any authentication, even when the client has a provider.</summary>
    /// <returns>This builder.</returns>
    public TBuilder WithoutAuthentication()
    {
        _authentication = null;
        _isAnonymous = true;
        return This;
    }

    /// <summary>Reads this endpoint's responses with another envelope than the client's.</summary>
    /// <param name="dataProperty">The payload property; empty when the whole body is the payload.</param>
    /// <param name="errorProperty">The error property; empty when a 2xx body is never an error.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TBuilder WithEnvelope(string dataProperty, string errorProperty = "error")
    {
        _envelope = new ConnectorEnvelopeOptions { DataProperty = dataProperty, ErrorProperty = errorProperty }.Freeze();
        return This;
    }

    /// <summary>
    /// Marks the endpoint idempotent: sending it twice has the same effect as once, so failed
    /// attempts may be retried even after they may have reached the server. GET is idempotent already.
    /// </summary>
    /// <returns>This builder.</returns>
    public TBuilder AsIdempotent()
    {
        _asIdempotent = true;
        return This;
    }

    /// <summary>
    /// Sends an <c>Idempotency-Key</c> header, generated anew for each call and the same on all of its
    /// attempts, so the server can tell a retry from a new request; such a POST may then be retried.
    /// </summary>
    /// <returns>This builder.</returns>
    public TBuilder WithIdempotencyKey()
    {
        _generatesIdempotencyKey = true;
        _idempotencyKey = null;
        return This;
    }

    /// <summary>Sends <paramref name="key"/> as the <c>Idempotency-Key</c> header on every attempt; such a POST may then be retried.</summary>
    /// <param name="key">The key, unique to the logical operation (for example an order id).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The key is empty, or contains a control or non-ASCII character.</exception>
    public TBuilder WithIdempotencyKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        HttpHeaderRules.ValidateValue(ConnectorDefaults.IdempotencyKeyHeader, key, nameof(key));
        _idempotencyKey = key;
        _generatesIdempotencyKey = false;
        return This;
    }

    /// <summary>Changes the connector's retry and timeout settings for this endpoint (the circuit breaker and rate limit stay the connector's).</summary>
    /// <param name="configure">Adjusts a copy of the connector's settings, such as <c>r =&gt; r.MaxRetries = 0</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    /// <remarks>Reuse one delegate instance for an endpoint you build often: the pipeline it yields is cached per delegate.</remarks>
    public TBuilder WithResilience(Action<ConnectorResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _resilience = configure;
        return This;
    }

    /// <summary>
    /// Pages this endpoint with <paramref name="strategy"/> when it is paginated without an explicit
    /// strategy, as <c>client.PaginateAsync(endpoint, typeInfo)</c> does.
    /// </summary>
    /// <param name="strategy">A strategy from <see cref="Pagination"/>, or your own.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    public TBuilder WithPagination(IPaginationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _pagination = strategy;
        return This;
    }

    /// <summary>Builds the immutable endpoint.</summary>
    /// <returns>An endpoint that can be sent any number of times, from any thread.</returns>
    /// <exception cref="ArgumentException">A placeholder is left unfilled (all are listed), or a placeholder value makes an absolute URI malformed.</exception>
    public IConnectorEndpoint Build()
    {
        // The default name shows in messages and logs: the template keeps it, path only (see UriTemplate.DefaultName).
        var name = _name ?? _template.DefaultName(_method);
        var requestUri = QueryParameterRules.Append(_template.Expand(_pathValues, name, "WithPathParameter", "Call WithPathParameter for each before Build()."), _queryParameters);
        PathParameterRules.ThrowIfMalformedAbsolute(_template, requestUri, name, "WithPathParameter");
        return new EndpointDefinition(name, _method, requestUri, _headers is null ? [] : _headers.ToArray(), _authentication, _isAnonymous, _envelope, _body,
            new EndpointRetrySettings(_asIdempotent, _idempotencyKey, _generatesIdempotencyKey, _resilience), _pagination);
    }

    /// <summary>
    /// Builds an immutable template whose open <c>{placeholders}</c> are filled per call with
    /// <see cref="ConnectorEndpointTemplate.Bind(string, object?)"/>: define an endpoint once, bind it on every call.
    /// </summary>
    /// <returns>A template that can be bound any number of times, from any thread.</returns>
    /// <remarks>
    /// Path parameters given before are fixed in the template; the other placeholders are left open for
    /// <c>Bind</c>. Query parameters, headers, body and the other settings given before apply to every
    /// endpoint bound from it.
    /// </remarks>
    public ConnectorEndpointTemplate BuildTemplate()
    {
        var name = _name ?? _template.DefaultName(_method);
        var shape = new EndpointDefinition(name, _method, _template.Text, _headers is null ? [] : _headers.ToArray(), _authentication, _isAnonymous, _envelope, _body,
            new EndpointRetrySettings(_asIdempotent, _idempotencyKey, _generatesIdempotencyKey, _resilience), _pagination);
        return new ConnectorEndpointTemplate(_template, _pathValues is null ? null : (string?[])_pathValues.Clone(), _queryParameters is null ? null : [.. _queryParameters], shape);
    }

    [RequiresUnreferencedCode("Serializes by reflection.")]
    [RequiresDynamicCode("Serializes by reflection.")]
    private protected TBuilder SetJsonBody<T>(T body)
    {
        _body = new ReflectionJsonEndpointBody<T>(body);
        return This;
    }

    private protected TBuilder SetJsonBody<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        _body = new JsonEndpointBody<T>(body, typeInfo);
        return This;
    }

    private protected TBuilder SetContent(HttpContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _body = new ContentBody(content);
        return This;
    }

    private protected TBuilder SetContent(Func<HttpContent> contentFactory)
    {
        ArgumentNullException.ThrowIfNull(contentFactory);
        _body = new ContentFactoryBody(contentFactory);
        return This;
    }
}
