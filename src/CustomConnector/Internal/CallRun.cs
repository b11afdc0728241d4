namespace CustomConnector.Internal;

/// <summary>What one call carries through the pipeline: its sender, its attempt pipeline, its endpoint and how its response is read.</summary>
/// <remarks>
/// The call's descriptor travels in the <see cref="Polly.ResilienceContext"/> instead: every strategy that
/// awaits boxes this state with its own frame, so each field here costs bytes per call.
/// </remarks>
/// <typeparam name="TState">The reader's state.</typeparam>
/// <typeparam name="TResult">What the reader returns.</typeparam>
internal readonly record struct CallRun<TState, TResult>(
    HopSender Sender,
    Polly.ResiliencePipeline<HttpResponseMessage>? Attempt,
    IConnectorEndpoint Endpoint,
    TState State,
    Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, ValueTask<TResult>> Read);
