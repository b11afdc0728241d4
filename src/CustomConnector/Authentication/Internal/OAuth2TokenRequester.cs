using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace CustomConnector.Internal;

/// <summary>
/// Fetches one access token from an OAuth 2.0 token endpoint (client credentials grant): each token
/// request within its own time limit, covering the response headers and the whole body, and stock Polly
/// retries around them for transient failures. Tells a refusal of the client
/// (<see cref="UnauthorizedException"/>) from any other failure (<see cref="TokenEndpointException"/>).
/// </summary>
/// <remarks>
/// Knows nothing of caching or of the callers waiting for the token: <see cref="OAuth2ClientCredentialsProvider"/>
/// shares one fetch between them and cancels it when all have given up.
/// </remarks>
internal sealed class OAuth2TokenRequester
{
    private const string TokenEndpointName = "OAuth2 token endpoint";
    private static readonly TimeSpan MaxPollyDelay = TimeSpan.FromDays(1);
    private readonly HttpClient _tokenClient;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _tokenEndpoint;
    private readonly Uri _redactedTokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string? _scope;
    private readonly KeyValuePair<string, string>[] _tokenParameters;
    private readonly bool _credentialsInBody;
    private readonly TokenTelemetry _telemetry;
    private Settings _settings;

    /// <param name="options">The grant's settings, already validated by the provider.</param>
    /// <param name="tokenEndpoint">The validated token endpoint.</param>
    /// <param name="redactedTokenEndpoint">The token endpoint as messages show it.</param>
    /// <param name="tokenClient">The client for the token endpoint.</param>
    /// <param name="timeProvider">The clock for time limits, retry delays and <c>Retry-After</c> dates.</param>
    /// <param name="tokenRequestTimeout">Each token request's time limit.</param>
    /// <param name="telemetry">Where fetches, requests and retries are reported.</param>
    public OAuth2TokenRequester(OAuth2ClientCredentialsOptions options, Uri tokenEndpoint, Uri redactedTokenEndpoint, HttpClient tokenClient, TimeProvider timeProvider, TimeSpan tokenRequestTimeout, TokenTelemetry telemetry)
    {
        _telemetry = telemetry;
        _tokenClient = tokenClient;
        _timeProvider = timeProvider;
        _tokenEndpoint = tokenEndpoint;
        _redactedTokenEndpoint = redactedTokenEndpoint;
        _clientId = options.ClientId!;
        _clientSecret = options.ClientSecret!;
        _scope = string.IsNullOrWhiteSpace(options.Scope) ? null : options.Scope;
        _tokenParameters = [.. options.TokenParameters];
        _credentialsInBody = options.CredentialsInBody;
        _settings = new Settings(tokenRequestTimeout, options.Resilience.MaxRetryAfter, CreateRetryPipeline(options.Resilience, timeProvider, telemetry));
    }

    /// <summary>Replaces the time limit and retry settings; the next fetch uses them.</summary>
    public void Reconfigure(TimeSpan tokenRequestTimeout, ConnectorResilienceOptions retry) =>
        Volatile.Write(ref _settings, new Settings(tokenRequestTimeout, retry.MaxRetryAfter, CreateRetryPipeline(retry, _timeProvider, _telemetry)));

    /// <summary>Fetches a token, retrying transient failures; the response returned has a usable access token.</summary>
    /// <param name="cancellationToken">Cancels the whole fetch (every waiter gave up).</param>
    /// <remarks>The fetch is one activity (retries included); each token request is counted with its outcome.</remarks>
    public async ValueTask<OAuth2TokenResponse> FetchAsync(CancellationToken cancellationToken)
    {
        var fetch = new Fetch(this, Volatile.Read(ref _settings));
        var activity = _telemetry.StartFetch();
        try
        {
            var response = await fetch.Settings.Retry.ExecuteAsync(
                static (fetch, token) => fetch.Requester.RequestOnceAsync(fetch, token),
                fetch,
                cancellationToken).ConfigureAwait(false);
            _telemetry.FetchSucceeded(activity, fetch.Attempts, fetch.StatusCode, response.ExpiresIn);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _telemetry.FetchCancelled(activity, fetch.Attempts, fetch.StatusCode);
            throw;
        }
        catch (Exception exception)
        {
            _telemetry.FetchFailed(activity, exception, fetch.Attempts, fetch.StatusCode, Outcome(exception), TokenTelemetry.ErrorType(fetch.StatusCode, exception));
            throw;
        }
    }

    /// <summary>Tells how a token request that threw ended, as <see cref="TokenOutcome"/> names it.</summary>
    private static string Outcome(Exception exception) => exception switch
    {
        UnauthorizedException => TokenOutcome.Refused,
        TokenEndpointException { InnerException: TimeoutException } => TokenOutcome.Timeout,
        OperationCanceledException => TokenOutcome.Cancelled,
        _ => TokenOutcome.Failed,
    };

    /// <summary>One token request, within its own time limit covering the response headers and the whole body, counted with its outcome.</summary>
    private async ValueTask<OAuth2TokenResponse> RequestOnceAsync(Fetch fetch, CancellationToken fetchToken)
    {
        var attempt = ++fetch.Attempts;
        fetch.StatusCode = null;
        try
        {
            var response = await RequestWithinLimitAsync(fetch, attempt, fetchToken).ConfigureAwait(false);
            _telemetry.RequestCompleted(fetch.StatusCode, TokenOutcome.Success, errorType: null);
            return response;
        }
        catch (Exception exception)
        {
            var outcome = Outcome(exception);
            _telemetry.RequestCompleted(fetch.StatusCode, outcome, outcome == TokenOutcome.Cancelled ? null : TokenTelemetry.ErrorType(fetch.StatusCode, exception));
            throw;
        }
    }

    private async Task<OAuth2TokenResponse> RequestWithinLimitAsync(Fetch fetch, int attempt, CancellationToken fetchToken)
    {
        var settings = fetch.Settings;
        using var timeout = new CancellationTokenSource(settings.TokenRequestTimeout, _timeProvider);
        using var link = fetchToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
        try
        {
            return await RequestTokenAsync(fetch, attempt, settings, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!fetchToken.IsCancellationRequested)
        {
            // This request's own limit (or the token client's HttpClient.Timeout), not every waiter giving up.
            var limit = timeout.IsCancellationRequested ? $"the token request timeout of {settings.TokenRequestTimeout}" : "the token client's HttpClient.Timeout";
            throw new TokenEndpointException(
                Context(attempt),
                $"The OAuth2 token endpoint {_redactedTokenEndpoint} did not answer within {limit} ({Attempts(attempt)}).",
                new TimeoutException($"The token request did not complete within {limit}.", exception))
            {
                IsTransient = true,
            };
        }
    }

    private async Task<OAuth2TokenResponse> RequestTokenAsync(Fetch fetch, int attempt, Settings settings, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(CreateForm()) };
        request.Headers.TryAddWithoutValidation("Accept", ConnectorDefaults.JsonMediaType);
        if (!_credentialsInBody)
        {
            // RFC 6749 section 2.3.1: form-encode each part before joining and base64-encoding.
            var credentials = $"{WebUtility.UrlEncode(_clientId)}:{WebUtility.UrlEncode(_clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        HttpResponseMessage response;
        try
        {
            response = await _tokenClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new TokenEndpointException(
                Context(attempt),
                $"The OAuth2 token endpoint {_redactedTokenEndpoint} could not be reached ({Attempts(attempt)}): {exception.Message}",
                exception)
            {
                IsTransient = IsTransient(exception),
            };
        }

        using (response)
        {
            fetch.StatusCode = (int)response.StatusCode;
            OAuth2TokenResponse? body;
            try
            {
                body = await ReadTokenResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                // The connection broke inside the body. An error status still says what it is; a token cut off is worth another try.
                if (!response.IsSuccessStatusCode)
                {
                    body = null;
                }
                else
                {
                    throw new TokenEndpointException(
                        Context(attempt, response.StatusCode),
                        $"The OAuth2 token endpoint {_redactedTokenEndpoint} answered {(int)response.StatusCode} but its response broke off ({Attempts(attempt)}): {exception.Message}",
                        exception)
                    {
                        IsTransient = true,
                    };
                }
            }

            // A token HttpClient cannot send (non-ASCII) or would write raw (CR/LF would inject a header):
            // refuse it here rather than cache it and fail every request.
            if (response.IsSuccessStatusCode && body?.AccessToken is { Length: > 0 } accessToken && HttpHeaderRules.ValueProblem(accessToken) is null)
            {
                return body;
            }

            throw CreateFailure(response, body, attempt, settings.MaxRetryAfter);
        }
    }

    /// <summary>Tells a refusal of the client (<see cref="UnauthorizedException"/>) from any other token endpoint failure.</summary>
    private ConnectorException CreateFailure(HttpResponseMessage response, OAuth2TokenResponse? body, int attempt, TimeSpan maxRetryAfter)
    {
        var status = response.StatusCode;
        var code = body?.Error ?? ((int)status).ToString(CultureInfo.InvariantCulture);
        var description = body?.ErrorDescription
            ?? (response.IsSuccessStatusCode ? "The token response has no usable access_token." : response.ReasonPhrase ?? string.Empty);
        var error = new ConnectorError(code, description);
        if (!response.IsSuccessStatusCode
            && (body?.Error is "invalid_client" or "invalid_grant" or "unauthorized_client" || status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
        {
            return new UnauthorizedException(
                Context(attempt, status, error),
                $"The OAuth2 token endpoint {_redactedTokenEndpoint} refused client '{_clientId}' ({(int)status} {error}).");
        }

        if (response.IsSuccessStatusCode)
        {
            return new TokenEndpointException(
                Context(attempt, status, error),
                $"The OAuth2 token endpoint {_redactedTokenEndpoint} answered {(int)status} {status} without a usable access_token ({error}).");
        }

        var transient = ConnectorResilience.IsRetryableStatus(status);
        var retryAfter = transient ? RetryAfterParser.Parse(response, _timeProvider) : null;
        var tooLong = retryAfter > maxRetryAfter ? $"; it asked to be retried after {retryAfter}, longer than MaxRetryAfter ({maxRetryAfter})" : string.Empty;
        return new TokenEndpointException(
            Context(attempt, status, error, retryAfter),
            $"The OAuth2 token endpoint {_redactedTokenEndpoint} answered {(int)status} {status} ({error}) after {Attempts(attempt)}{tooLong}.")
        {
            IsTransient = transient && tooLong.Length == 0,
        };
    }

    private ConnectorExceptionContext Context(int attempts, HttpStatusCode? status = null, ConnectorError? error = null, TimeSpan? retryAfter = null) => new()
    {
        StatusCode = status,
        Error = error,
        Method = HttpMethod.Post,
        RequestUri = _redactedTokenEndpoint,
        EndpointName = TokenEndpointName,
        Attempts = attempts,
        RetryAfter = retryAfter,
    };

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    /// <summary>The connector's own rule: network and server faults may pass; a request the handler cannot send will not.</summary>
    private static bool IsTransient(Exception exception) => exception is not HttpRequestException http || TransientFailure.IsTransient(http);

    /// <summary>
    /// Stock Polly retries for transient token endpoint failures: exponential backoff with jitter, or the
    /// endpoint's <c>Retry-After</c> (a failure whose <c>Retry-After</c> is too long is not transient).
    /// </summary>
    private static ResiliencePipeline CreateRetryPipeline(ConnectorResilienceOptions options, TimeProvider timeProvider, TokenTelemetry telemetry)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.Enabled && options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // Polly's own bounds; settings beyond a day are clamped rather than failing every token request.
                Delay = Min(options.BaseDelay, MaxPollyDelay),
                MaxDelay = Min(options.MaxDelay, MaxPollyDelay),
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is TokenEndpointException { IsTransient: true }),
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Exception is TokenEndpointException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var exception = args.Outcome.Exception;
                    var status = (int?)(exception as ConnectorException)?.StatusCode;
                    telemetry.Retrying(args.AttemptNumber + 1, exception, exception is null ? TokenOutcome.Failed : Outcome(exception), exception is null ? null : TokenTelemetry.ErrorType(status, exception), args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Reads the token or error response; <see langword="null"/> when it is empty, too large or not JSON. Transport failures propagate.</summary>
    private static async Task<OAuth2TokenResponse?> ReadTokenResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is 0 or > ConnectorDefaults.MaxErrorBodyBytes)
        {
            return null;
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var limited = new LimitedReadStream(stream, ConnectorDefaults.MaxErrorBodyBytes);
            await using (limited.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(limited, ConnectorJsonContext.Default.OAuth2TokenResponse, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is JsonException or ResponseTooLargeException)
        {
            return null;
        }
    }

    private List<KeyValuePair<string, string>> CreateForm()
    {
        var form = new List<KeyValuePair<string, string>>(_tokenParameters.Length + 4) { new("grant_type", "client_credentials") };
        if (_scope is not null)
        {
            form.Add(new("scope", _scope));
        }

        if (_credentialsInBody)
        {
            form.Add(new("client_id", _clientId));
            form.Add(new("client_secret", _clientSecret));
        }

        form.AddRange(_tokenParameters);
        return form;
    }

    /// <summary>One token fetch: its settings, and how far its requests got.</summary>
    private sealed class Fetch(OAuth2TokenRequester requester, Settings settings)
    {
        public OAuth2TokenRequester Requester { get; } = requester;

        public Settings Settings { get; } = settings;

        /// <summary>Gets or sets how many token requests were sent.</summary>
        public int Attempts { get; set; }

        /// <summary>Gets or sets the status of the latest request's response, once it arrived.</summary>
        public int? StatusCode { get; set; }
    }

    /// <summary>How one token fetch runs: each token request's time limit, and the retries around them.</summary>
    private sealed record Settings(TimeSpan TokenRequestTimeout, TimeSpan MaxRetryAfter, ResiliencePipeline Retry);
}
