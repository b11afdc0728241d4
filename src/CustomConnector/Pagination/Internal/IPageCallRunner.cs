namespace CustomConnector.Internal;

/// <summary>
/// What the page walker needs to send a page: a call per page through the same stages as any call,
/// the one trust policy for next links, and the connector's reading defaults.
/// </summary>
/// <remarks>
/// Declared here and implemented by the client's call runner (<see cref="ConnectorCallRunner"/>), so
/// the walker depends on nothing above Pagination/ and nothing calls back up.
/// </remarks>
internal interface IPageCallRunner
{
    /// <summary>Gets the connector's envelope, for an endpoint without its own.</summary>
    ConnectorEnvelopeOptions Envelope { get; }

    /// <summary>Gets the connector's base address, if any (named in a refused cross-origin link's message).</summary>
    Uri? BaseAddress { get; }

    /// <summary>Gets the one trust policy, which also judges next links.</summary>
    HopTrustPolicy Trust { get; }

    /// <summary>Gets where walks report their activity, counts and log events.</summary>
    PageTelemetry PageTelemetry { get; }

    /// <summary>The limits the response reader applies.</summary>
    ResponseLimits ReaderLimits();

    /// <summary>Starts the bookkeeping of one page's call to <paramref name="requestUri"/>.</summary>
    ConnectorCall CreateCall(IConnectorEndpoint endpoint, Uri requestUri, bool trustEndpointOrigin);

    /// <summary>Runs <paramref name="call"/> to <paramref name="endpoint"/> through its stages and <paramref name="read"/> on the final response; await it once.</summary>
    ValueTask<TResult> RunAsync<TResult, TState>(
        IConnectorEndpoint endpoint,
        ConnectorCall call,
        TState state,
        Func<HttpResponseMessage, ConnectorCall, TState, CancellationToken, ValueTask<TResult>> read,
        CancellationToken cancellationToken);
}
