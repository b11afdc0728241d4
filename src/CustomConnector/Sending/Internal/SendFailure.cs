namespace CustomConnector.Internal;

/// <summary>Turns what sending raises (transport failures, the caller's own <see cref="HttpClient.Timeout"/>) into the library's exceptions.</summary>
internal static class SendFailure
{
    /// <summary>Returns the library's exception for <paramref name="exception"/>, or <see langword="null"/> when it is not a sending failure.</summary>
    /// <param name="exception">What sending or reading the response raised.</param>
    /// <param name="call">The call, with its attempts.</param>
    /// <param name="http">The client sent with, whose own timeout may have fired.</param>
    public static Exception? Translate(Exception exception, ConnectorCall call, HttpMessageInvoker http) => exception switch
    {
        // The caller's own HttpClient.Timeout fired.
        OperationCanceledException { InnerException: TimeoutException } =>
            new ConnectorTimeoutException(call.CreateContext(null), (http as HttpClient)?.Timeout ?? Timeout.InfiniteTimeSpan, ConnectorTimeoutKind.Attempt, exception),
        HttpRequestException request when !TransientFailure.IsTransient(request) =>
            new ConnectorException(call.CreateContext(null), $"{call.Describe()} could not be sent ({call.DescribeAttempts()}): {exception.Message} The failure is in the request or the client's settings, not the network, so it was not retried.", exception),
        HttpRequestException or IOException =>
            new ConnectorException(call.CreateContext(null), $"{call.Describe()} failed before a complete response arrived ({call.DescribeAttempts()}): {exception.Message}", exception),
        _ => null,
    };
}
