using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
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
    private readonly Dictionary<string, string> _pathParameters = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _queryParameters = [];
    private readonly List<KeyValuePair<string, string>> _headers = [];
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
        _template = UriTemplate.Parse(uri, nameof(uri));
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
        if (!_template.HasPlaceholder(name))
        {
            var known = _template.Placeholders.Count == 0 ? "it has none" : $"it has {{{string.Join("}, {", _template.Placeholders)}}}";
            throw new ArgumentException($"The endpoint URI '{RedactionPolicy.Default.With(_authentication).Redact(_template.Text)}' has no placeholder '{{{name}}}' ({known}). Check the name, or add the placeholder to the URI.", nameof(name));
        }

        if (value is null)
        {
            throw new ArgumentException($"The value of path parameter '{name}' is null; a path segment needs a value.", nameof(value));
        }

        if (ParameterFormatter.IsCollection(value))
        {
            throw new ArgumentException($"The value of path parameter '{name}' is a collection; a path segment takes a single value.", nameof(value));
        }

        var text = ParameterFormatter.Format(value);
        if (ParameterFormatter.HasUnpairedSurrogate(text))
        {
            throw new ArgumentException($"The value of path parameter '{name}' contains an unpaired UTF-16 surrogate, which percent-encoding would replace with U+FFFD and so send another value. Pass well-formed text.", nameof(value));
        }

        if (text is "." or "..")
        {
            // The URI parser would collapse them as dot segments and change the path.
            throw new ArgumentException($"The value of path parameter '{name}' is '{text}', which would be read as a relative path step. Pass another value.", nameof(value));
        }

        if (text.Length == 0)
        {
            // "wings/{id}" would become "wings/": the collection, not one of its items.
            throw new ArgumentException($"The value of path parameter '{name}' is empty, which would drop a path segment and address another resource. Pass a non-empty value.", nameof(value));
        }

        _pathParameters[name] = text;
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
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ThrowIfUnpairedSurrogate(name, "The name of a query parameter", nameof(name));
        if (value is null)
        {
            return This;
        }

        if (ParameterFormatter.IsCollection(value))
        {
            foreach (var item in (IEnumerable)value)
            {
                if (item is not null)
                {
                    _queryParameters.Add(new(name, ThrowIfUnpairedSurrogate(ParameterFormatter.Format(item), $"A value of query parameter '{name}'", nameof(value))));
                }
            }
        }
        else
        {
            _queryParameters.Add(new(name, ThrowIfUnpairedSurrogate(ParameterFormatter.Format(value), $"The value of query parameter '{name}'", nameof(value))));
        }

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
        _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
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
        // The default name shows in messages and logs: keep the path only, since the query or
        // user-info may hold credentials and the client's list of sensitive names is not known here.
        var name = _name ?? $"{_method.Method} {RedactionPolicy.Default.Redact(_template.Text.Split('?')[0])}";
        var requestUri = AppendQuery(_template.Expand(_pathParameters, name, "WithPathParameter"));
        if (_template.IsAbsolute && !Uri.TryCreate(requestUri, UriKind.Absolute, out _))
        {
            // A placeholder in the host or port can take a value that is escaped but still not a valid host.
            throw new ArgumentException($"Endpoint '{name}' expands to a URI that is not well formed. Check the values given to placeholders in the host or port.", "WithPathParameter");
        }

        return new EndpointDefinition(name, _method, requestUri, [.. _headers], _authentication, _isAnonymous, _envelope, _body,
            new EndpointRetrySettings(_asIdempotent, _idempotencyKey, _generatesIdempotencyKey, _resilience), _pagination);
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

    private static string ThrowIfUnpairedSurrogate(string text, string subject, string paramName)
    {
        if (ParameterFormatter.HasUnpairedSurrogate(text))
        {
            // The text is not echoed: a query value may be a credential.
            throw new ArgumentException($"{subject} contains an unpaired UTF-16 surrogate, which percent-encoding would replace with U+FFFD and so send another value. Pass well-formed text.", paramName);
        }

        return text;
    }

    private string AppendQuery(string uri)
    {
        if (_queryParameters.Count == 0)
        {
            return uri;
        }

        var builder = new StringBuilder(uri);
        var separator = uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        if (uri.EndsWith('?') || uri.EndsWith('&'))
        {
            separator = '\0';
        }

        foreach (var (name, value) in _queryParameters)
        {
            if (separator != '\0')
            {
                builder.Append(separator);
            }

            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
