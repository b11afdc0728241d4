using System.Net;
using System.Text;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>For every kind of credential, nothing the connector emits (logs, scopes, activities, metric tags) holds a secret.</summary>
public sealed partial class ConnectorTelemetryTests
{
    /// <summary>A secret the developer put in the endpoint's own query, which only the redaction policy keeps out.</summary>
    private const string UrlSecret = "url-t0ken-secret";

    public static TheoryData<string> Credentials() => ["basic", "bearer", "apiKeyHeader", "apiKeyQuery", "oauth2", "custom"];

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task SendAsync_EveryOutcomeWithEachCredential_EmitsNoSecret(string credential)
    {
        string[] endpointNames = ["retried", "missing", "broken", "denied"];
        using var capture = new TelemetryCapture(endpointNames);
        using var tokens = new MockHttpMessageHandler();
        tokens.Fallback.Respond(HttpStatusCode.OK, "application/json", """{"access_token": "acc3ss-t0ken-secret", "token_type": "Bearer", "expires_in": 3600}""");
        using var tokenClient = tokens.ToHttpClient();
        var time = new WatchedTime();
        var (provider, secrets) = Provider(credential, tokenClient, time, capture.LoggerFactory);
        var retried = 0;
        using var api = new ScriptedApi((_, request) => request.RequestUri!.AbsolutePath switch
        {
            "/v1/retried" => Interlocked.Increment(ref retried) == 1 ? ScriptedApi.Status(HttpStatusCode.ServiceUnavailable) : ScriptedApi.Data(),
            "/v1/missing" => ScriptedApi.Status(HttpStatusCode.NotFound),
            "/v1/denied" => ScriptedApi.Status(HttpStatusCode.Unauthorized),
            _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.test:443)"),
        });
        using var client = api.CreateClient(time, o =>
        {
            ZeroBackoff(capture.Wire(o)).Authentication = provider;
            o.Resilience.MaxRetries = 1;
        });

        foreach (var name in endpointNames)
        {
            try
            {
                await client.SendAsync(ConnectorEndpoint.Get(name).WithName(name).WithQueryParameter("page", 1).WithQueryParameter("access_token", UrlSecret).Build(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);
            }
            catch (ConnectorException)
            {
                // The broken endpoint fails after its retry: its telemetry is what is checked.
            }
        }

        // Every outcome was emitted: data after a retry, two error results, a failure.
        Assert.Equal(["CallFinished", "CallReturnedError", "CallFailed", "CallReturnedError"], capture.Logs.Where(r => r.Id.Id is >= 6 and <= 8).Select(r => r.Id.Name));
        Assert.Contains(capture.Logs, record => record.Id.Name == "RetryScheduled");
        Assert.Equal(4, capture.Activities.Count);
        Assert.Equal(4, capture.Durations.GetMeasurementSnapshot().Count);
        Assert.NotEmpty(capture.Retries.GetMeasurementSnapshot());
        Assert.NotEmpty(api.Requests);
        var emitted = capture.AllText();

        // The scan sees state values, scopes, activity tags and metric tags, not only messages.
        Assert.Contains("Endpoint=retried", emitted);
        Assert.Contains("[customconnector.endpoint, retried]", emitted);
        Assert.Contains(emitted, text => text.StartsWith("url.full=https://api.test/v1/retried?page=1", StringComparison.Ordinal));
        Assert.Contains("error.type=503", emitted);
        foreach (var secret in secrets.Append(UrlSecret))
        {
            Assert.DoesNotContain(emitted, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static (IAuthenticationHeaderProvider Provider, string[] Secrets) Provider(string credential, HttpClient tokenClient, TimeProvider time, ILoggerFactory hostLogging) => credential switch
    {
        "basic" => (new BasicAuthenticationProvider("wing-user", "b4sic-passw0rd-secret"), ["b4sic-passw0rd-secret", Convert.ToBase64String(Encoding.UTF8.GetBytes("wing-user:b4sic-passw0rd-secret"))]),
        "bearer" => (new BearerTokenProvider("b3arer-t0ken-secret"), ["b3arer-t0ken-secret"]),
        "apiKeyHeader" => (new ApiKeyProvider("X-Api-Key", "h3ader-k3y-secret"), ["h3ader-k3y-secret"]),

        // A name outside the default sensitive list: the provider's own name must be redacted.
        "apiKeyQuery" => (new ApiKeyProvider("tenantCode", "qu3ry-k3y-secret", ApiKeyLocation.Query), ["qu3ry-k3y-secret"]),
        "oauth2" => (
            new OAuth2ClientCredentialsProvider(
                new OAuth2ClientCredentialsOptions { TokenEndpoint = new Uri("https://auth.test/token"), ClientId = "wing-client", ClientSecret = "cl1ent-s3cret-secret" },
                tokenClient,
                time),
            ["cl1ent-s3cret-secret", "acc3ss-t0ken-secret"]),
        _ => (new LoggingCustomProvider(hostLogging.CreateLogger("Host.CustomProvider")), [LoggingCustomProvider.Secret]),
    };

    /// <summary>A host's own provider, which logs (without its secret) inside the call.</summary>
    private sealed class LoggingCustomProvider(ILogger logger) : IAuthenticationHeaderProvider
    {
        public const string Secret = "cust0m-signature-secret";

        public IReadOnlyList<string> CredentialHeaderNames => ["X-Signature"];

        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HostLog(logger, "signing the request");
            request.Headers.Add("X-Signature", Secret);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task SendAsync_CustomProviderLogs_ItsLogsCarryTheCallsScope()
    {
        using var capture = new TelemetryCapture("getWing");
        using var api = ScriptedApi.Answering();
        using var client = api.CreateClient(new WatchedTime(), o => capture.Wire(o).Authentication = new LoggingCustomProvider(capture.LoggerFactory.CreateLogger("Host.CustomProvider")));

        await client.SendAsync(GetWing(), TestJsonContext.Default.Wing);

        FakeLogRecord signing = Assert.Single(capture.Logs, record => record.Id.Id == 9000);
        Assert.Equal("getWing", ScopeValue(signing, "customconnector.endpoint"));
    }
}
