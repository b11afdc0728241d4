using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests;

/// <summary>A <see cref="ConnectorClient"/> over a MockHttp handler that records every request it answers.</summary>
internal sealed class TestConnector : IDisposable
{
    public const string BaseAddress = "https://api.test/v1";

    private readonly HttpClient _http;

    public TestConnector(Func<HttpRequestMessage, HttpResponseMessage> respond, ConnectorClientOptions? options = null, bool withDefaultBase = true, bool retries = false)
    {
        options ??= new ConnectorClientOptions();
        if (!retries)
        {
            // Retrying is the resilience tests' subject; here it would only repeat the same answer.
            options.Resilience.MaxRetries = 0;
        }

        if (withDefaultBase && options.BaseAddress is null)
        {
            options.BaseAddress = new Uri(BaseAddress);
        }

        Handler.Fallback.Respond(async request =>
        {
            var captured = await CapturedRequest.FromAsync(request);
            lock (Requests)
            {
                Requests.Add(captured);
            }

            return respond(request);
        });
        _http = Handler.ToHttpClient();
        Client = new ConnectorClient(_http, options);
    }

    public MockHttpMessageHandler Handler { get; } = new();

    public ConnectorClient Client { get; }

    /// <summary>Gets the requests answered so far; lock it when sends may still be running.</summary>
    public List<CapturedRequest> Requests { get; } = [];

    public CapturedRequest Request => Assert.Single(Requests);

    /// <summary>A connector whose API answers every request with 204 No Content.</summary>
    public static TestConnector NoContent(ConnectorClientOptions? options = null) =>
        new(_ => new HttpResponseMessage(HttpStatusCode.NoContent), options);

    /// <summary>Sends <paramref name="endpoint"/> and returns the request the API saw.</summary>
    public async Task<CapturedRequest> SendAndCaptureAsync(IConnectorEndpoint endpoint)
    {
        var before = Requests.Count;
        await Client.SendAsync(endpoint, TestJsonContext.Default.Wing);
        Assert.Equal(before + 1, Requests.Count);
        return Requests[^1];
    }

    /// <summary>A connector whose API answers every request with <paramref name="json"/> and status 200.</summary>
    public static TestConnector RespondingJson(string json, ConnectorClientOptions? options = null, HttpStatusCode status = HttpStatusCode.OK) =>
        new(_ => Json(status, json), options);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, mediaType),
    };

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
        Handler.Dispose();
    }
}
