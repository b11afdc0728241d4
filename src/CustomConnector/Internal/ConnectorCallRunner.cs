using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;

namespace CustomConnector.Internal;

/// <summary>
/// Runs a call one way through its stages: telemetry (activity, log scope and events, duration) around the call pipeline
/// (total timeout) around the endpoint's attempt pipeline (retry, rate limit, circuit breaker, attempt
/// timeout) around the hop sender, then the response reader, within the total timeout; each stage's
/// failures become the library's exceptions by that stage's own translation.
/// </summary>
/// <remarks>
/// The call's state (<see cref="ConnectorCall"/>) travels in a pooled <see cref="ResilienceContext"/>;
/// the pipelines run through <c>ExecuteOutcomeAsync</c> with static callbacks and value-type state.
/// </remarks>
internal sealed class ConnectorCallRunner : IPageCallRunner
{
    private readonly HttpMessageInvoker _http;

    public ConnectorCallRunner(HttpMessageInvoker http, ConnectorSettings settings)
    {
        _http = http;
        Settings = settings;
        Trust = new HopTrustPolicy(settings.Sending);
        Sender = new HopSender(http, settings.Sending, Trust);
    }

    public ConnectorSettings Settings { get; }

    /// <summary>Gets the one trust policy, for the first hop, redirects and next links.</summary>
    public HopTrustPolicy Trust { get; }

    public HopSender Sender { get; }

    ConnectorEnvelopeOptions IPageCallRunner.Envelope => Settings.Envelope;

    Uri? IPageCallRunner.BaseAddress => Settings.BaseAddress;

    PageTelemetry IPageCallRunner.PageTelemetry => Settings.PageTelemetry;

    /// <summary>Joins the endpoint's URI to the base address (checking it), for its first hop.</summary>
    public Uri ResolveUri(IConnectorEndpoint endpoint) => endpoint is EndpointDefinition definition
        ? definition.Resolve(Settings.BaseAddress, Settings.Redaction, nameof(endpoint))
        : endpoint is BoundConnectorEndpoint
        ? UriJoiner.Resolve(Settings.BaseAddress, endpoint.RequestUri, endpoint.Name, Settings.Redaction, nameof(endpoint)) // built per call: nothing to remember
        : UriJoiner.Resolve(Settings.BaseAddress, endpoint.RequestUri, endpoint.Name, Settings.Redaction.With(endpoint.Authentication), nameof(endpoint));

    /// <summary>Starts the bookkeeping of one logical call to <paramref name="requestUri"/>.</summary>
    /// <param name="endpoint">The endpoint whose headers, body and credentials the call uses.</param>
    /// <param name="requestUri">Where the call goes (the endpoint's own URI, or a page link).</param>
    /// <param name="trustEndpointOrigin">
    /// Whether a client without a base address may send credentials to <paramref name="requestUri"/>'s
    /// origin: yes for a URI the developer wrote, no for one a server supplied.
    /// </param>
    /// <exception cref="ArgumentException">The first hop would carry credentials over plain http to a host that is not loopback.</exception>
    public ConnectorCall CreateCall(IConnectorEndpoint endpoint, Uri requestUri, bool trustEndpointOrigin)
    {
        if (!Settings.AllowInsecureHttp && PlainHttpRule.IsInsecure(requestUri) && Trust.FirstHopCarriesCredentials(endpoint, requestUri, trustEndpointOrigin))
        {
            // Checked before anything is sent. Later hops need no check: credentials stay on the first
            // hop's origin (same scheme), and https never redirects down to http.
            throw new ArgumentException(
                $"Endpoint '{endpoint.Name}' would send credentials over plain http to {PlainHttpRule.Origin(requestUri)}, a host that is not loopback, where they cross the network in clear text. Use https, or set AllowInsecureHttp (ConnectorClientOptions, or the connector's configuration) to true on a closed test network.",
                nameof(endpoint));
        }

        return new(endpoint.Name, endpoint.Method, requestUri, Settings.ExceptionMap, Settings.Redaction.With(endpoint.Authentication))
        {
            CanRepeat = endpoint.IsIdempotent || endpoint.IdempotencyKey is not null || endpoint.GeneratesIdempotencyKey,
            IdempotencyKey = endpoint.IdempotencyKey ?? (endpoint.GeneratesIdempotencyKey ? Guid.NewGuid().ToString("D") : null),
            TrustEndpointOrigin = trustEndpointOrigin,
        };
    }

    /// <summary>Sends one call and reads its response as one value.</summary>
    public Task<ConnectorResult<T>> SendAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var call = CreateCall(endpoint, ResolveUri(endpoint), trustEndpointOrigin: true);
        var sent = RunAsync(
            endpoint,
            call,
            (TypeInfo: typeInfo, Envelope: endpoint.Envelope ?? Settings.Envelope, Limits: ReaderLimits()),
            static (response, call, state, token) => EnvelopeReader.ReadValueAsync(response, state.TypeInfo, state.Envelope, state.Limits, call.ToOrigin(), token),
            cancellationToken);

        // The names-did-not-match check runs only for an object payload with the Debug log on: nothing on the normal path.
        return typeInfo.Kind == JsonTypeInfoKind.Object && Settings.Logger.IsEnabled(LogLevel.Debug)
            ? CheckMembersAsync(sent, endpoint, typeInfo)
            : sent.AsTask();
    }

    /// <summary>Logs (at Debug) a data object whose every member is at its default: JSON names that did not match the type's.</summary>
    private async Task<ConnectorResult<T>> CheckMembersAsync<T>(ValueTask<ConnectorResult<T>> sent, IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo)
    {
        var result = await sent.ConfigureAwait(false);
        if (result.Kind == ConnectorResultKind.Data && DefaultMembers.AllDefault(typeInfo, result.Data))
        {
            ConnectorLog.DataMembersAllDefault(Settings.Logger, endpoint.Method.Method, Settings.ConnectorName, endpoint.Name, typeof(T).Name, typeInfo.Properties.Count);
        }

        return result;
    }

    /// <summary>Sends one call whose answer carries no data the caller wants: reads only an error.</summary>
    public Task<ConnectorResult<ConnectorNoData>> SendAsync(IConnectorEndpoint endpoint, CancellationToken cancellationToken)
    {
        var call = CreateCall(endpoint, ResolveUri(endpoint), trustEndpointOrigin: true);
        return RunAsync(
            endpoint,
            call,
            (Envelope: endpoint.Envelope ?? Settings.Envelope, Limits: ReaderLimits()),
            static (response, call, state, token) => EnvelopeReader.ReadNoDataAsync(response, state.Envelope, state.Limits, call.ToOrigin(), token),
            cancellationToken).AsTask();
    }

    /// <summary>Sends one call and streams the elements of its data array as they arrive.</summary>
    public async IAsyncEnumerable<T> StreamDataAsync<T>(IConnectorEndpoint endpoint, Uri requestUri, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var envelope = endpoint.Envelope ?? Settings.Envelope;
        var limits = ReaderLimits();
        var call = CreateCall(endpoint, requestUri, trustEndpointOrigin: true);
        var opened = await RunAsync(endpoint, call, (Envelope: envelope, Limits: limits), OpenDataStreamAsync, cancellationToken).ConfigureAwait(false);
        if (opened is not { } taken)
        {
            yield break;
        }

        // The names-did-not-match check of SendAsync, on the first element, only with the Debug log on.
        var check = typeInfo.Kind == JsonTypeInfoKind.Object && Settings.Logger.IsEnabled(LogLevel.Debug);
        await foreach (var item in EnvelopeReader.ReadStreamAsync(taken.Response, taken.Stream, typeInfo, envelope, limits, call.ToOrigin(), cancellationToken).ConfigureAwait(false))
        {
            if (check)
            {
                check = false;
                if (DefaultMembers.AllDefault(typeInfo, item))
                {
                    ConnectorLog.DataMembersAllDefault(Settings.Logger, endpoint.Method.Method, Settings.ConnectorName, endpoint.Name, typeof(T).Name, typeInfo.Properties.Count);
                }
            }

            yield return item;
        }
    }


    /// <summary>The settings the response reader applies.</summary>
    public ResponseLimits ReaderLimits() => new(Settings.MaxResponseContentBytes, Settings.TimeProvider, Settings.Timeout);

    /// <summary>
    /// Runs <paramref name="call"/> to <paramref name="endpoint"/> through its stages and <paramref name="read"/> on the final response.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> RunAsync<TResult, TState>(
        IConnectorEndpoint endpoint,
        ConnectorCall call,
        TState state,
        Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, ValueTask<TResult>> read,
        CancellationToken cancellationToken)
    {
        // Settings are read through the property after the awaits, not kept in locals: every local that
        // lives across an await is a field of the state machine, boxed per call.
        {
            var settings = Settings;
            var timeProvider = settings.TimeProvider;
            if (settings.Timeout != Timeout.InfiniteTimeSpan)
            {
                call.DeadlineTimestamp = timeProvider.GetTimestamp() + (long)(settings.Timeout.TotalSeconds * timeProvider.TimestampFrequency);
            }
        }

        var callPipeline = Settings.CallPipeline;
        var run = new CallRun<TState, TResult>(Sender, Settings.Resilience.GetAttemptPipeline(endpoint.Resilience, Settings.Timeout), endpoint, state, read);
        ResilienceContext? context = null;
        var started = Settings.TimeProvider.GetTimestamp();
        var activity = Settings.Telemetry.StartCall(call, out var scope);
        Exception? failure = null;
        try
        {
            Outcome<TResult> outcome;
            if (callPipeline is null && run.Attempt is null)
            {
                outcome = await RunCoreAsync(run, call, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(ConnectorResilience.CallKey, call);
                outcome = callPipeline is null
                    ? await RunCoreAsync(context, run).ConfigureAwait(false)
                    : await callPipeline.ExecuteOutcomeAsync(static (context, run) => RunCoreAsync(context, run), context, run).ConfigureAwait(false);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            if (exception.CancellationToken == cancellationToken)
            {
                failure = exception;
                throw;
            }

            // The caller's token reached us through a timeout's source, whose token the exception
            // carries. Callers tell their own cancellation apart by its token (as HttpClient ensures).
            throw failure = new TaskCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (Exception exception)
        {
            var settings = Settings;
            failure = ResilienceFailure.Translate(exception, call, settings.Timeout, settings.ResilienceOptions.RateLimit, settings.TimeProvider)
                ?? SendFailure.Translate(exception, call, _http);
            if (failure is null)
            {
                failure = exception;
                throw;
            }

            throw failure;
        }
        finally
        {
            Settings.Telemetry.EndCall(activity, scope, call, failure, started);
            if (context is not null)
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    /// <summary>The call inside the call pipeline: its attempts, then reading the final response.</summary>
    private static ValueTask<Outcome<TResult>> RunCoreAsync<TState, TResult>(ResilienceContext context, CallRun<TState, TResult> run) =>
        RunCoreAsync(run, context.Properties.GetValue(ConnectorResilience.CallKey, null!), context.CancellationToken, context);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<TResult>> RunCoreAsync<TState, TResult>(CallRun<TState, TResult> run, ConnectorCall call, CancellationToken token, ResilienceContext? context = null)
    {
        try
        {
            HttpResponseMessage response;
            if (run.Attempt is null)
            {
                response = await run.Sender.SendAsync(run.Endpoint, call, token).ConfigureAwait(false);
            }
            else
            {
                // The state is two references wide (the call travels in the context): every Polly state
                // machine that suspends holds a copy of it, so a smaller state is fewer bytes per call.
                var attempt = await run.Attempt.ExecuteOutcomeAsync(static (context, state) => SendAttemptAsync(context, state), context!, (run.Sender, run.Endpoint)).ConfigureAwait(false);
                attempt.ThrowIfException();
                response = attempt.Result!;
            }

            call.StatusCode = (int)response.StatusCode;
            try
            {
                var result = await run.Read(response, call, run.State, token).ConfigureAwait(false);

                // The reader's product says what the response held; the telemetry stage reads it off the call.
                if (result is IResultKindSource source)
                {
                    call.ResultKind = source.Kind;
                }

                return Outcome.FromResult(result);
            }
            finally
            {
                // A streaming reader owns the response once it took it, and disposes it when its caller is done.
                if (!call.ResponseTaken)
                {
                    response.Dispose();
                }
            }
        }
        catch (Exception exception)
        {
            return Outcome.FromException<TResult>(exception);
        }
    }

    /// <summary>One attempt inside the attempt pipeline.</summary>
    /// <remarks>
    /// The call comes from the context (where <see cref="RunAsync"/> put it), not from the state: every
    /// strategy that awaits boxes the state with its own frame, so it stays two references wide.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<HttpResponseMessage>> SendAttemptAsync(ResilienceContext context, (HopSender Sender, IConnectorEndpoint Endpoint) state)
    {
        try
        {
            var call = context.Properties.GetValue(ConnectorResilience.CallKey, null!);
            return Outcome.FromResult(await state.Sender.SendAsync(state.Endpoint, call, context.CancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    /// <summary>Hands over the response of a 2xx with a body (the stream reader disposes it); maps an error status to its exception.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(HttpResponseMessage Response, Stream Stream)?> OpenDataStreamAsync(
        HttpResponseMessage response,
        ConnectorCall call,
        (ConnectorEnvelopeOptions Envelope, ResponseLimits Limits) state,
        CancellationToken cancellationToken)
    {
        if (await EnvelopeReader.OpenStreamAsync(response, state.Envelope, state.Limits, call.ToOrigin(), cancellationToken).ConfigureAwait(false) is not { } stream)
        {
            call.ResultKind = ConnectorResultKind.Empty;
            return null;
        }

        call.ResultKind = ConnectorResultKind.Data;
        call.ResponseTaken = true;
        return (response, stream);
    }
}
