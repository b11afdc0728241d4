using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Resilience;

/// <summary>
/// A MockHttp API that answers the n-th request (1-based) from a script, records every request,
/// and lets a test await the n-th arrival instead of sleeping.
/// </summary>
internal sealed class ScriptedApi : IDisposable
{
    public const string DataJson = """{"data": {"id": 7, "name": "Wing"}}""";

    private readonly MockHttpMessageHandler _handler = new();
    private readonly HttpClient _http;
    private readonly List<CapturedRequest> _requests = [];
    private readonly Dictionary<int, TaskCompletionSource> _arrivals = [];

    /// <param name="respond">Answers the n-th request (1-based); may throw to play a transport failure.</param>
    public ScriptedApi(Func<int, HttpRequestMessage, HttpResponseMessage> respond)
    {
        // The synchronous overload: MockHttp hangs on a faulted task but passes a synchronous throw on.
        _handler.Fallback.Respond(request =>
        {
            var captured = CapturedRequest.FromAsync(request).GetAwaiter().GetResult();
            int number;
            lock (_requests)
            {
                _requests.Add(captured);
                number = _requests.Count;
            }

            try
            {
                return respond(number, request);
            }
            finally
            {
                Arrival(number).TrySetResult();
            }
        });
        _http = _handler.ToHttpClient();
    }

    /// <summary>Initializes an API that answers the n-th request with <paramref name="respond"/>(n).</summary>
    public ScriptedApi(Func<int, HttpResponseMessage> respond)
        : this((number, _) => respond(number))
    {
    }

    /// <summary>Gets the handler, for a client built by dependency injection.</summary>
    public MockHttpMessageHandler Handler => _handler;

    public int Count
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>An API that answers with <paramref name="statuses"/> in turn, then with data for ever.</summary>
    public static ScriptedApi Answering(params HttpStatusCode[] statuses) =>
        new(number => number <= statuses.Length ? Status(statuses[number - 1]) : Data());

    public static HttpResponseMessage Data() => new(HttpStatusCode.OK)
    {
        Content = new StringContent(DataJson, Encoding.UTF8, "application/json"),
    };

    public static HttpResponseMessage Status(HttpStatusCode status) => new(status)
    {
        Content = new StringContent($$$"""{"error": {"code": "{{{(int)status}}}", "description": "scripted {{{(int)status}}}"}}""", Encoding.UTF8, "application/json"),
    };

    public static HttpResponseMessage RetryAfterSeconds(HttpStatusCode status, int seconds)
    {
        var response = Status(status);
        response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    public static HttpResponseMessage RetryAfterDate(HttpStatusCode status, DateTimeOffset date)
    {
        var response = Status(status);
        response.Headers.TryAddWithoutValidation("Retry-After", date.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    /// <summary>Creates a client over this API with retries at their defaults unless <paramref name="configure"/> changes them.</summary>
    public ConnectorClient CreateClient(TimeProvider time, Action<ConnectorClientOptions>? configure = null)
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/v1/"), TimeProvider = time };
        configure?.Invoke(options);
        return new ConnectorClient(_http, options);
    }

    /// <summary>Completes when request number <paramref name="number"/> (1-based) has been answered, or fails after a safety bound.</summary>
    public Task ArrivedAsync(int number) => Arrival(number).Task.WaitAsync(WatchedTime.SafetyTimeout);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private TaskCompletionSource Arrival(int number)
    {
        lock (_arrivals)
        {
            if (!_arrivals.TryGetValue(number, out var arrival))
            {
                arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _arrivals[number] = arrival;
            }

            return arrival;
        }
    }
}
