namespace CustomConnector.Internal;

/// <summary>What one call carries through the pipeline: its sender, its attempt pipeline, its endpoint, its descriptor and how its response is read.</summary>
/// <typeparam name="TState">The reader's state.</typeparam>
/// <typeparam name="TResult">What the reader returns.</typeparam>
internal readonly record struct CallRun<TState, TResult>(
    HopSender Sender,
    Polly.ResiliencePipeline<HttpResponseMessage>? Attempt,
    IConnectorEndpoint Endpoint,
    ConnectorCall Call,
    TState State,
    Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, Task<TResult>> Read);
