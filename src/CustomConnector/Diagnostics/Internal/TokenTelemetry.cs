using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomConnector.Internal;

/// <summary>
/// The telemetry of one OAuth 2.0 token endpoint: an activity per token fetch (retries included), the
/// <c>customconnector.client.token.requests</c> counter per token request, and the token log events.
/// Only the redacted token endpoint, status codes, outcomes and exception types are recorded: never a
/// token, a secret or a body. Everything here is cheap when nobody listens.
/// </summary>
internal sealed class TokenTelemetry
{
    /// <summary>The name of the token fetch activity (one per fetch, a client span above HttpClient's own).</summary>
    public const string ActivityName = "POST token";

    private readonly ILogger _logger;
    private readonly Counter<long> _requests;
    private readonly Uri _tokenEndpoint;
    private readonly string _serverAddress;
    private readonly int _serverPort;
    private readonly string? _connectorName;

    /// <param name="loggerFactory">The factory for the token logger; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">The factory for the meter; <see langword="null"/> for the library's own.</param>
    /// <param name="redactedTokenEndpoint">The token endpoint as every record shows it.</param>
    /// <param name="connectorName">The registered connector the provider belongs to, if dependency injection built it from the connector's settings.</param>
    public TokenTelemetry(ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, Uri redactedTokenEndpoint, string? connectorName = null)
    {
        _connectorName = connectorName;
        _logger = loggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        _requests = ConnectorInstruments.For(meterFactory).TokenRequests;
        _tokenEndpoint = redactedTokenEndpoint;
        _serverAddress = redactedTokenEndpoint.Host;
        _serverPort = redactedTokenEndpoint.Port;
    }

    /// <summary>Gets the category of the token log events.</summary>
    public static string LoggerCategory => "CustomConnector.OAuth2ClientCredentialsProvider";

    /// <summary>Starts the activity of one token fetch, or returns <see langword="null"/> when nobody traces.</summary>
    public Activity? StartFetch()
    {
        if (!ConnectorTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = ConnectorTelemetry.Source.StartActivity(ActivityName, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", "POST");
            activity.SetTag("server.address", _serverAddress);
            activity.SetTag("server.port", _serverPort);
            activity.SetTag("url.full", _tokenEndpoint.AbsoluteUri);
            if (_connectorName is not null)
            {
                activity.SetTag("customconnector.connector", _connectorName);
            }
        }

        return activity;
    }

    /// <summary>Counts one token request (one attempt) and how it ended.</summary>
    /// <param name="statusCode">The response's status, if one came.</param>
    /// <param name="outcome">One of <see cref="TokenOutcome"/>'s values.</param>
    /// <param name="errorType">The low-cardinality error type of a failure; <see langword="null"/> on success.</param>
    public void RequestCompleted(int? statusCode, string outcome, string? errorType)
    {
        if (!_requests.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "customconnector.token.outcome", outcome },
            { "server.address", _serverAddress },
        };
        if (_connectorName is not null)
        {
            tags.Add("customconnector.connector", _connectorName);
        }

        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _requests.Add(1, tags);
    }

    /// <summary>A token request failed and will be sent again after <paramref name="delay"/>.</summary>
    public void Retrying(int attempt, Exception? exception, string outcome, string? errorType, TimeSpan delay) =>
        ConnectorLog.TokenFetchRetrying(_logger, exception, _tokenEndpoint, attempt, outcome, errorType, delay);

    /// <summary>A fetch ended with a token.</summary>
    public void FetchSucceeded(Activity? activity, int attempts, int? statusCode, double? expiresInSeconds)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            TimeSpan? expiresIn = expiresInSeconds is > 0 and < 1e9 ? TimeSpan.FromSeconds(expiresInSeconds.Value) : null;
            ConnectorLog.TokenFetched(_logger, _tokenEndpoint, attempts, expiresIn);
        }

        End(activity, attempts, statusCode, TokenOutcome.Success, errorType: null);
    }

    /// <summary>A fetch ended without a token: refused, failed or out of time, after any retries.</summary>
    public void FetchFailed(Activity? activity, Exception exception, int attempts, int? statusCode, string outcome, string? errorType)
    {
        ConnectorLog.TokenFetchFailed(_logger, exception, _tokenEndpoint, attempts, outcome, errorType);
        End(activity, attempts, statusCode, outcome, errorType);
    }

    /// <summary>A fetch was cancelled because every caller waiting for it gave up: not a failure of the endpoint.</summary>
    public void FetchCancelled(Activity? activity, int attempts, int? statusCode)
    {
        ConnectorLog.TokenFetchCancelled(_logger, _tokenEndpoint, attempts);
        End(activity, attempts, statusCode, TokenOutcome.Cancelled, errorType: null);
    }

    /// <summary>The cached token was dropped because the API answered 401 to it.</summary>
    public void Invalidated() => ConnectorLog.TokenInvalidated(_logger, _tokenEndpoint);

    /// <summary>The low-cardinality <c>error.type</c> of a failed token request: the status code of an error status, else the type of what failed.</summary>
    public static string ErrorType(int? statusCode, Exception exception) =>
        statusCode >= 400 ? statusCode.Value.ToString(CultureInfo.InvariantCulture) : (exception.InnerException ?? exception).GetType().FullName ?? "_OTHER";

    private static void End(Activity? activity, int attempts, int? statusCode, string outcome, string? errorType)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("http.response.status_code", statusCode);
            activity.SetTag("customconnector.attempts", attempts);
            activity.SetTag("customconnector.token.outcome", outcome);
            activity.SetTag("error.type", errorType);
        }

        if (errorType is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.Dispose();
    }
}
