using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Reads any <see cref="HttpResponseMessage"/> as a <see cref="ConnectorResult{T}"/>, exactly as
/// <see cref="ConnectorClient"/> does, for responses obtained some other way.
/// </summary>
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
        var origin = new ConnectorCall(null, request?.Method, request?.RequestUri, settings.ExceptionMap, settings.Redaction);
        return ParseCoreAsync(response, typeInfo, settings.Envelope, settings, origin, cancellationToken);
    }

    internal static async Task<ConnectorResult<T>> ParseCoreAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> typeInfo,
        ConnectorEnvelopeOptions envelope,
        ConnectorSettings settings,
        ConnectorCall origin,
        CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if ((int)status is < 200 or > 299)
        {
            var error = await ErrorBodyReader.ReadAsync(response, envelope.ErrorProperty, settings.MaxResponseContentBytes, cancellationToken).ConfigureAwait(false);
            return new ConnectorResult<T>(ConnectorResultKind.Error, status, default, error, RetryAfterParser.Parse(response, settings.TimeProvider), origin);
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (status is HttpStatusCode.NoContent or HttpStatusCode.ResetContent || length == 0)
        {
            return new ConnectorResult<T>(ConnectorResultKind.Empty, status, default, null, null, origin);
        }

        if (length > settings.MaxResponseContentBytes)
        {
            throw FormatException(response, origin, $"declares a body of {length} bytes (Content-Length), more than the limit of {settings.MaxResponseContentBytes} bytes. Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends this much.", null, null);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var limited = new LimitedReadStream(stream, settings.MaxResponseContentBytes);
        await using (limited.ConfigureAwait(false))
        {
            try
            {
                if (envelope.DataProperty.Length == 0)
                {
                    var whole = await JsonSerializer.DeserializeAsync(limited, typeInfo, cancellationToken).ConfigureAwait(false);
                    return whole is null
                        ? new ConnectorResult<T>(ConnectorResultKind.Empty, status, default, null, null, origin)
                        : new ConnectorResult<T>(ConnectorResultKind.Data, status, whole, null, null, origin);
                }

                var parsed = await JsonSerializer.DeserializeAsync(limited, EnvelopeTypeInfoCache.Get(typeInfo, envelope), cancellationToken).ConfigureAwait(false);
                if (parsed is { HasError: true })
                {
                    return new ConnectorResult<T>(ConnectorResultKind.Error, status, default, parsed.Error, null, origin);
                }

                if (parsed is { HasData: true })
                {
                    return parsed.DataIsNull
                        ? new ConnectorResult<T>(ConnectorResultKind.Empty, status, default, null, null, origin)
                        : new ConnectorResult<T>(ConnectorResultKind.Data, status, parsed.Data, null, null, origin);
                }

                var missing = envelope.ErrorProperty.Length == 0
                    ? $"'{envelope.DataProperty}' property"
                    : $"'{envelope.DataProperty}' or '{envelope.ErrorProperty}' property";
                throw FormatException(response, origin, $"has a JSON body without the {missing} the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", limited.GetExcerpt(), null);
            }
            catch (JsonException) when (limited.BytesRead == 0)
            {
                // A 2xx that sent no bytes at all (chunked, so no Content-Length: 0) is empty.
                return new ConnectorResult<T>(ConnectorResultKind.Empty, status, default, null, null, origin);
            }
            catch (JsonException exception) when (envelope.DataProperty.Length > 0 && StartsWithNonObjectValue(limited.GetExcerpt()))
            {
                // A bare array or value is valid JSON: say what is really missing, not "invalid JSON".
                throw FormatException(response, origin, $"has a JSON body that is not an object with the '{envelope.DataProperty}' property the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", limited.GetExcerpt(), exception);
            }
            catch (JsonException exception)
            {
                throw FormatException(response, origin, $"has a body that is not valid JSON for {typeof(T).Name} or is truncated: {exception.Message}", limited.GetExcerpt(), exception);
            }
            catch (ResponseTooLargeException exception)
            {
                throw FormatException(response, origin, $"sent a body larger than the limit of {exception.Limit} bytes. Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends this much.", limited.GetExcerpt(), exception);
            }
        }
    }

    internal static bool StartsWithNonObjectValue(string? excerpt)
    {
        var text = excerpt.AsSpan().TrimStart().TrimStart('\uFEFF');
        return !text.IsEmpty && text[0] is '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n';
    }

    internal static ConnectorResponseFormatException FormatException(HttpResponseMessage response, ConnectorCall origin, string problem, string? excerpt, Exception? inner)
    {
        var context = origin.CreateContext(response.StatusCode);
        var message = $"{context.Describe("The response")} answered {(int)response.StatusCode} {response.StatusCode}, but the response {problem}";
        return new ConnectorResponseFormatException(context, message, response.Content.Headers.ContentType?.ToString(), excerpt, inner);
    }

    private static readonly ConnectorClientOptions DefaultOptions = new();

    private static readonly ConnectorSettings DefaultSettings = new(DefaultOptions, "options");
}
