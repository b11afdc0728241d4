using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Testing.Internal;

namespace CustomConnector.Testing;

/// <summary>
/// A route of a <see cref="FakeConnectorApi"/>: what it answers, in order, and the requests it received.
/// Each <c>ReplyWith...</c>, <c>FailWith...</c> or <see cref="Hang"/> call adds one answer; requests take
/// them in order and the last one repeats, so <c>ReplyWithError(503).ReplyWithData(x)</c> answers a 503 and then data.
/// </summary>
/// <remarks>Thread-safe: parallel calls take the answers in the order they arrive.</remarks>
public sealed class FakeRoute
{
    private static readonly JsonSerializerOptions ReflectionOptions = new(JsonSerializerDefaults.Web);

    private readonly FakeConnectorApi _api;
    private readonly RouteTemplate _template;
    private readonly List<FakeReply> _replies = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly object _lock = new();

    internal FakeRoute(FakeConnectorApi api, HttpMethod method, RouteTemplate template)
    {
        _api = api;
        Method = method;
        _template = template;
    }

    /// <summary>Gets the method the route answers.</summary>
    public HttpMethod Method { get; }

    /// <summary>Gets the route's path template, such as <c>wings/{id}</c>.</summary>
    public string Template => _template.Text;

    /// <summary>Gets how many requests the route received.</summary>
    public int CallCount
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Gets the requests the route received, in order (a snapshot).</summary>
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

    internal RouteTemplate RouteTemplate => _template;

    /// <summary>Returns the one request the route received.</summary>
    /// <returns>The request.</returns>
    /// <exception cref="FakeApiAssertionException">The route received no request, or more than one.</exception>
    public FakeRequest SingleRequest()
    {
        var requests = Requests;
        return requests.Count == 1
            ? requests[0]
            : throw new FakeApiAssertionException($"{this} was expected to receive one request, but it received {requests.Count}.");
    }

    /// <summary>Answers with a data envelope, <c>{"data": ...}</c>, serialized through <paramref name="typeInfo"/>.</summary>
    /// <typeparam name="T">The payload's type.</typeparam>
    /// <param name="data">The payload.</param>
    /// <param name="typeInfo">How to write it, such as a source-generated context's property.</param>
    /// <param name="statusCode">The status; the default is 200.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    public FakeRoute ReplyWithData<T>(T data, JsonTypeInfo<T> typeInfo, HttpStatusCode statusCode = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ReplyWithDataJson(JsonSerializer.Serialize(data, typeInfo), statusCode);
    }

    /// <summary>Answers with a data envelope, <c>{"data": ...}</c>, serialized by reflection with the web defaults (camelCase).</summary>
    /// <typeparam name="T">The payload's type.</typeparam>
    /// <param name="data">The payload.</param>
    /// <param name="statusCode">The status; the default is 200.</param>
    /// <returns>This route.</returns>
    [RequiresUnreferencedCode("Serializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Serializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public FakeRoute ReplyWithData<T>(T data, HttpStatusCode statusCode = HttpStatusCode.OK) =>
        ReplyWithDataJson(JsonSerializer.Serialize(data, ReflectionOptions), statusCode);

    /// <summary>Answers with a data envelope around JSON you give, such as <c>[{"id": 1}]</c>.</summary>
    /// <param name="json">The payload as JSON.</param>
    /// <param name="statusCode">The status; the default is 200.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not JSON.</exception>
    public FakeRoute ReplyWithDataJson(string json, HttpStatusCode statusCode = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(json);
        string body;
        try
        {
            body = Envelopes.Data(_api.DataProperty, json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The payload is not JSON ({exception.Message}); give JSON such as {{\"id\": 1}}.", nameof(json), exception);
        }

        return Add((_, _) => Task.FromResult(Envelopes.Response(statusCode, body, "application/json", null)));
    }

    /// <summary>Answers with no body.</summary>
    /// <param name="statusCode">The status; the default is 204.</param>
    /// <returns>This route.</returns>
    public FakeRoute ReplyWithEmpty(HttpStatusCode statusCode = HttpStatusCode.NoContent) =>
        Add((_, _) => Task.FromResult(Envelopes.Response(statusCode, null, "application/json", null)));

    /// <summary>Answers with an error envelope, <c>{"error": {"code": "404", "description": "..."}}</c>.</summary>
    /// <param name="statusCode">The error status, such as 404 or 503.</param>
    /// <param name="description">The error's description; the default is the status's name.</param>
    /// <param name="code">The error's code; the default is the status as a number, such as <c>"404"</c>.</param>
    /// <param name="retryAfter">When given, a <c>Retry-After</c> header (whole seconds, rounded up).</param>
    /// <returns>This route.</returns>
    public FakeRoute ReplyWithError(HttpStatusCode statusCode, string? description = null, string? code = null, TimeSpan? retryAfter = null)
    {
        var body = Envelopes.Error(_api.ErrorProperty, code ?? Envelopes.Code(statusCode), description ?? statusCode.ToString());
        return Add((_, _) => Task.FromResult(Envelopes.Response(statusCode, body, "application/json", retryAfter)));
    }

    /// <summary>Answers with a raw response: any status and body, envelope or not (an HTML error page, a bare array, bad JSON).</summary>
    /// <param name="statusCode">The status.</param>
    /// <param name="content">The body; <see langword="null"/> for none.</param>
    /// <param name="mediaType">The body's media type; the default is <c>application/json</c>.</param>
    /// <param name="retryAfter">When given, a <c>Retry-After</c> header (whole seconds, rounded up).</param>
    /// <returns>This route.</returns>
    public FakeRoute ReplyWith(HttpStatusCode statusCode, string? content, string mediaType = "application/json", TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        return Add((_, _) => Task.FromResult(Envelopes.Response(statusCode, content, mediaType, retryAfter)));
    }

    /// <summary>Answers with the response <paramref name="respond"/> builds for each request (for headers, redirects and the like).</summary>
    /// <param name="respond">Builds a new response per request; it must not return the same instance twice.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="respond"/> is null.</exception>
    public FakeRoute ReplyWith(Func<FakeRequest, HttpResponseMessage> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return Add((request, _) => Task.FromResult(respond(request)));
    }

    /// <summary>
    /// Fails the attempt as <see cref="HttpClient"/> does when its own timeout fires, at once: a
    /// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>. The connector reports it as a
    /// <see cref="ConnectorTimeoutException"/> without retrying, as it does for an <see cref="HttpClient.Timeout"/>.
    /// To exercise the connector's own attempt and total timeouts (and the retries after an attempt timeout),
    /// use <see cref="Hang"/> with a fake <see cref="TimeProvider"/>.
    /// </summary>
    /// <returns>This route.</returns>
    public FakeRoute FailWithTimeout() => Add(static (_, _) => Task.FromException<HttpResponseMessage>(
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout elapsing (simulated by FakeConnectorApi).", new TimeoutException("The operation was canceled."))));

    /// <summary>
    /// Fails the attempt as a connection the server reset before answering: an <see cref="HttpRequestException"/>
    /// (<see cref="HttpRequestError.ResponseEnded"/>) as SocketsHttpHandler reports it. The connector retries it.
    /// </summary>
    /// <returns>This route.</returns>
    public FakeRoute FailWithConnectionReset() => Add(static (_, _) => Task.FromException<HttpResponseMessage>(
        new HttpRequestException(
            HttpRequestError.ResponseEnded,
            "An error occurred while sending the request (simulated by FakeConnectorApi).",
            new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)))));

    /// <summary>Fails the attempt with an exception of your choice, thrown from the HTTP handler.</summary>
    /// <param name="exception">The exception; the same instance is thrown for each request that takes this answer.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public FakeRoute FailWith(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Add((_, _) => Task.FromException<HttpResponseMessage>(exception));
    }

    /// <summary>
    /// Never answers: the request waits until it is cancelled, as with a server that accepted the
    /// connection and went quiet. The connector's attempt or total timeout ends it (on its
    /// <see cref="TimeProvider"/>: advance a fake clock to fire it), or the caller's token.
    /// </summary>
    /// <returns>This route.</returns>
    public FakeRoute Hang() => Add(static async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("Unreachable: an infinite delay ended without cancellation.");
    });

    /// <summary>Returns the method and template, such as <c>GET wings/{id}</c>.</summary>
    /// <returns>The route's description.</returns>
    public override string ToString() => $"{Method} {Template}";

    internal FakeReply Take(FakeRequest request)
    {
        lock (_lock)
        {
            var index = Math.Min(_requests.Count, _replies.Count - 1);
            _requests.Add(request);
            return index < 0
                ? (_, _) => Task.FromResult(Envelopes.Response(HttpStatusCode.NotImplemented, Envelopes.Error(_api.ErrorProperty, "501", $"The fake route {this} has no reply; add one with ReplyWithData, ReplyWithEmpty or ReplyWithError."), "application/json", null))
                : _replies[index];
        }
    }

    private FakeRoute Add(FakeReply reply)
    {
        lock (_lock)
        {
            _replies.Add(reply);
        }

        return this;
    }
}
