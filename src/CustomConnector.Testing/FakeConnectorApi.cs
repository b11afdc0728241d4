using System.Net;
using CustomConnector.Testing.Internal;

namespace CustomConnector.Testing;

/// <summary>
/// A fake connector API that runs beneath a real <see cref="ConnectorClient"/> as its HTTP handler, so
/// that credentials, retries, redirects, paging and parsing all run as in production, with no sockets.
/// </summary>
/// <remarks>
/// <para>
/// Declare routes with <see cref="OnGet"/>, <see cref="OnPost"/> or <see cref="On"/> and script their
/// answers; then send through <see cref="CreateClient"/>, or swap a registered connector's handler with
/// <c>services.AddCustomConnector(...).UseFakeApi(fake)</c>. Every request is recorded, matched or not.
/// A request no route matches gets a 404 error envelope whose description says so, and is listed in
/// <see cref="UnmatchedRequests"/>.
/// </para>
/// <para>
/// Everything lives in the instance: no static or ambient state, so tests that run in parallel each
/// with their own fake never see each other's requests. An instance is thread-safe.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var api = new FakeConnectorApi();
/// api.OnGet("wings/{id}").ReplyWithError(HttpStatusCode.ServiceUnavailable).ReplyWithDataJson("""{"id": 7, "name": "Delta"}""");
/// using var client = api.CreateClient();
/// var wing = await client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), json.Wing);
/// </code>
/// </example>
public sealed class FakeConnectorApi
{
    private readonly List<FakeRoute> _routes = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly List<FakeRequest> _unmatched = [];
    private readonly object _lock = new();
    private readonly Uri _baseAddress = DefaultBaseAddress;
    private readonly string _dataProperty = "data";
    private readonly string _errorProperty = "error";

    /// <summary>Gets the base address <see cref="CreateClient"/> and <see cref="CreateHttpClient"/> use: <c>https://fake-connector.test/api/</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://fake-connector.test/api/");

    /// <summary>Gets the base address of the clients this fake creates; a connector registered in DI keeps its own.</summary>
    /// <value>The default is <see cref="DefaultBaseAddress"/>.</value>
    /// <exception cref="ArgumentException">The address is not an absolute http or https URI.</exception>
    public Uri BaseAddress
    {
        get => _baseAddress;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The base address '{value}' is not an absolute http or https URI.", nameof(value));
            }

            _baseAddress = value;
        }
    }

    /// <summary>Gets the property data envelopes put the payload in; <c>""</c> sends the payload as the whole body. Match the connector's <see cref="ConnectorEnvelopeOptions"/>.</summary>
    /// <value>The default is <c>data</c>.</value>
    public string DataProperty
    {
        get => _dataProperty;
        init => _dataProperty = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Gets the property error envelopes put the error in. Match the connector's <see cref="ConnectorEnvelopeOptions"/>.</summary>
    /// <value>The default is <c>error</c>.</value>
    public string ErrorProperty
    {
        get => _errorProperty;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(value));
            _errorProperty = value;
        }
    }

    /// <summary>Gets every request the fake received, in order (a snapshot).</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets the requests no route matched, in order (a snapshot).</summary>
    public IReadOnlyList<FakeRequest> UnmatchedRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _unmatched];
            }
        }
    }

    /// <summary>Declares a GET route.</summary>
    /// <param name="template">The path, with <c>{name}</c> placeholders: <c>wings/{id}</c> matches the end of the path (any base address), <c>/api/v1/wings/{id}</c> the whole path.</param>
    /// <returns>The route, to script its answers.</returns>
    /// <exception cref="ArgumentException">The template is empty, malformed or has a query.</exception>
    /// <exception cref="InvalidOperationException">The fake already has a GET route with that template.</exception>
    public FakeRoute OnGet(string template) => On(HttpMethod.Get, template);

    /// <summary>Declares a POST route.</summary>
    /// <param name="template">The path, with <c>{name}</c> placeholders (see <see cref="OnGet"/>).</param>
    /// <returns>The route, to script its answers.</returns>
    /// <exception cref="ArgumentException">The template is empty, malformed or has a query.</exception>
    /// <exception cref="InvalidOperationException">The fake already has a POST route with that template.</exception>
    public FakeRoute OnPost(string template) => On(HttpMethod.Post, template);

    /// <summary>Declares a route for any method. Routes are tried in the order they were declared.</summary>
    /// <param name="method">The method.</param>
    /// <param name="template">The path, with <c>{name}</c> placeholders (see <see cref="OnGet"/>).</param>
    /// <returns>The route, to script its answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is null.</exception>
    /// <exception cref="ArgumentException">The template is empty, malformed or has a query.</exception>
    /// <exception cref="InvalidOperationException">The fake already has a route with that method and template.</exception>
    public FakeRoute On(HttpMethod method, string template)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parsed = RouteTemplate.Parse(template, nameof(template));
        lock (_lock)
        {
            foreach (var existing in _routes)
            {
                if (existing.Method == method && string.Equals(existing.Template, parsed.Text, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The fake already has the route {existing}; script more answers on the route it returned.");
                }
            }

            var route = new FakeRoute(this, method, parsed);
            _routes.Add(route);
            return route;
        }
    }

    /// <summary>Creates an HTTP handler that sends to this fake. Each call returns a new handler; disposing it leaves the fake as it is.</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new FakeApiHandler(this);

    /// <summary>Creates an <see cref="HttpClient"/> over this fake, with <see cref="BaseAddress"/> as its base address.</summary>
    /// <returns>The client.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = BaseAddress };

    /// <summary>Creates a real <see cref="ConnectorClient"/> that sends to this fake.</summary>
    /// <param name="options">The client's options; when they have no base address, <see cref="BaseAddress"/> is used.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public ConnectorClient CreateClient(ConnectorClientOptions? options = null) => new(CreateHttpClient(), options);

    /// <summary>Asserts that every request matched a route.</summary>
    /// <exception cref="FakeApiAssertionException">Some request matched no route; the message lists them.</exception>
    public void AssertNoUnmatchedRequests()
    {
        var unmatched = UnmatchedRequests;
        if (unmatched.Count != 0)
        {
            throw new FakeApiAssertionException($"{unmatched.Count} request(s) matched no fake route: {string.Join(", ", unmatched)}.");
        }
    }

    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = message.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var body = message.Content is null ? null : await message.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = FakeRequest.CopyHeaders(message);
        var path = RouteTemplate.SplitPath(uri);

        FakeRoute? matched = null;
        Dictionary<string, string>? values = null;
        lock (_lock)
        {
            foreach (var route in _routes)
            {
                if (route.Method == message.Method && route.RouteTemplate.TryMatch(path, out values))
                {
                    matched = route;
                    break;
                }
            }
        }

        var request = new FakeRequest(message.Method, uri, headers, body, matched?.Template, values ?? new Dictionary<string, string>());
        lock (_lock)
        {
            _requests.Add(request);
            if (matched is null)
            {
                _unmatched.Add(request);
            }
        }

        HttpResponseMessage response;
        if (matched is null)
        {
            var error = Envelopes.Error(ErrorProperty, "404", $"No fake route matches {request}. Declare one with FakeConnectorApi.On{(message.Method == HttpMethod.Post ? "Post" : "Get")}(\"...\").");
            response = Envelopes.Response(HttpStatusCode.NotFound, error, "application/json", null);
        }
        else
        {
            response = await matched.Take(request)(request, cancellationToken).ConfigureAwait(false);
        }

        response.RequestMessage = message;
        return response;
    }
}
