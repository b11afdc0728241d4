using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Reads any <see cref="HttpResponseMessage"/> as a <see cref="ConnectorResult{T}"/>, exactly as
/// <see cref="ConnectorClient"/> does, for responses obtained some other way.
/// </summary>
/// <remarks>
/// A front door beside <see cref="ConnectorClient"/>, not a stage: it takes the client's options through
/// the client's one validation (<see cref="ConnectorSettings"/>), then hands the envelope reader of
/// Responses/ what it needs, so it lives with the client and the reader knows nothing of the client.
/// </remarks>
public static class ConnectorResponseParser
{
    /// <summary>Parses <paramref name="response"/> with the default envelope and size limit.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="response">The response; its body is read from the content stream.</param>
    /// <param name="typeInfo">The payload's metadata.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>An empty, data or error result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body is not valid JSON, has neither the data nor the error property, or is larger than 32 MiB.</exception>
    public static Task<ConnectorResult<T>> ParseAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        ParseAsync(response, typeInfo, DefaultOptions, cancellationToken);

    /// <summary>Parses <paramref name="response"/> with the envelope, size limit and exception map of <paramref name="options"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="response">The response; its body is read from the content stream.</param>
    /// <param name="typeInfo">The payload's metadata.</param>
    /// <param name="options">The envelope, <see cref="ConnectorClientOptions.MaxResponseContentBytes"/>, exception map and clock to use.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>An empty, data or error result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body is not valid JSON, has neither the data nor the error property, or is too large.</exception>
    public static Task<ConnectorResult<T>> ParseAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, ConnectorClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(options);
        var settings = ReferenceEquals(options, DefaultOptions) ? DefaultSettings : new ConnectorSettings(options, nameof(options));
        var request = response.RequestMessage;
        var origin = new ResponseOrigin(null, request?.Method, request?.RequestUri, settings.Redaction, settings.ExceptionMap, attempts: 0);
        return EnvelopeReader.ReadValueAsync(response, typeInfo, settings.Envelope, new ResponseLimits(settings.MaxResponseContentBytes, settings.TimeProvider, settings.Timeout), origin, cancellationToken).AsTask();
    }

    private static readonly ConnectorClientOptions DefaultOptions = new();

    private static readonly ConnectorSettings DefaultSettings = new(DefaultOptions, "options");
}
