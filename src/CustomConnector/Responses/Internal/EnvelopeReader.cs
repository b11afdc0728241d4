using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// The one reader of connector responses, in three modes: a whole value (<see cref="ReadValueAsync"/>,
/// a <see cref="ConnectorResult{T}"/>), a page (<see cref="ReadPageAsync"/>, its items and other values)
/// and a stream (<see cref="OpenStreamAsync"/> then <see cref="ReadStreamAsync"/>, one array element
/// at a time). Error statuses, error envelopes, empty bodies, size limits and malformed bodies are
/// handled here once, with the same messages in every mode.
/// </summary>
internal static class EnvelopeReader
{
    private enum Mode
    {
        Value,
        Page,
        Stream,
        NoData,
    }

    /// <summary>Reads a whole response as an empty, data or error result.</summary>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body is not valid JSON, has neither the data nor the error property, or is too large.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ConnectorResult<T>> ReadValueAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, ConnectorEnvelopeOptions envelope, ResponseLimits limits, ResponseOrigin origin, CancellationToken cancellationToken)
    {
        var content = await ReadContentAsync(response, typeInfo, envelope, limits, origin, Mode.Value, typeof(T), cancellationToken).ConfigureAwait(false);
        return new ConnectorResult<T>(content.Kind, response.StatusCode, content.Data, content.Error, content.RetryAfter, origin);
    }

    /// <summary>
    /// Reads a response whose data the caller does not want: any 2xx is empty, whatever its body holds,
    /// unless it is a JSON body with an error envelope; an error status is an error as always.
    /// </summary>
    /// <exception cref="ConnectorResponseFormatException">A 2xx JSON body is not valid JSON, or is too large.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ConnectorResult<ConnectorNoData>> ReadNoDataAsync(HttpResponseMessage response, ConnectorEnvelopeOptions envelope, ResponseLimits limits, ResponseOrigin origin, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if ((int)status is >= 200 and <= 299 && (envelope.DataProperty.Length == 0 || envelope.ErrorProperty.Length == 0 || !IsJsonOrUnlabelled(response)))
        {
            // Nothing the caller could want: the body is the (unread) data, or cannot be an error envelope.
            return new ConnectorResult<ConnectorNoData>(ConnectorResultKind.Empty, status, null, null, null, origin);
        }

        var content = await ReadContentAsync(response, ConnectorJsonContext.Default.ConnectorNoData, envelope, limits, origin, Mode.NoData, typeof(ConnectorNoData), cancellationToken).ConfigureAwait(false);
        var kind = content.Kind == ConnectorResultKind.Error ? ConnectorResultKind.Error : ConnectorResultKind.Empty;
        return new ConnectorResult<ConnectorNoData>(kind, status, null, content.Error, content.RetryAfter, origin);
    }

    /// <summary>Reads a whole page: the items of its data array (empty for an empty response) and its other top-level values.</summary>
    /// <exception cref="ConnectorException">The typed exception of an error status or error envelope.</exception>
    /// <exception cref="ConnectorResponseFormatException">A 2xx body is not valid JSON, its data is not an array, it has neither the data nor the error property, or it is too large.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(List<T> Items, Dictionary<string, JsonElement>? Values)> ReadPageAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> itemTypeInfo, ConnectorEnvelopeOptions envelope, ResponseLimits limits, ResponseOrigin origin, CancellationToken cancellationToken)
    {
        var content = await ReadContentAsync(response, EnvelopeTypeInfoCache.GetList(itemTypeInfo), envelope, limits, origin, Mode.Page, typeof(T), cancellationToken).ConfigureAwait(false);
        if (content.Kind == ConnectorResultKind.Error)
        {
            throw origin.CreateException(response.StatusCode, content.Error!, content.RetryAfter ?? RetryAfterParser.Parse(response, limits.TimeProvider));
        }

        return (content.Data ?? [], content.Values);
    }

    /// <summary>Opens the body of a response to stream: <see langword="null"/> when it is empty.</summary>
    /// <exception cref="ConnectorException">The typed exception of an error status.</exception>
    public static async Task<Stream?> OpenStreamAsync(HttpResponseMessage response, ConnectorEnvelopeOptions envelope, ResponseLimits limits, ResponseOrigin origin, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if ((int)status is < 200 or > 299)
        {
            var error = await ErrorBodyReader.ReadAsync(response, envelope.ErrorProperty, limits.MaxContentBytes, cancellationToken).ConfigureAwait(false);
            throw origin.CreateException(status, error, RetryAfterParser.Parse(response, limits.TimeProvider));
        }

        if (IsEmpty(response))
        {
            return null;
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the elements of the data array of <paramref name="stream"/>, the body of
    /// <paramref name="response"/>, which it disposes when done. The size limit applies to each
    /// element, not to the body; <see cref="ResponseLimits.ReadTimeout"/> bounds each wait for more of it.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadStreamAsync<T>(HttpResponseMessage response, Stream stream, JsonTypeInfo<T> typeInfo, ConnectorEnvelopeOptions envelope, ResponseLimits limits, ResponseOrigin origin, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            // The limit applies to each element (in the reader), not to the body: the array may be any size.
            var limited = new LimitedReadStream(stream, long.MaxValue);
            await using (limited.ConfigureAwait(false))
            {
                using var reader = new DataArrayReader<T>(limited, typeInfo, envelope, limits.MaxContentBytes);

                // The call's timeout covered getting the response; from here it bounds each wait for more
                // of the body, since a long array legitimately takes as long as the caller takes to consume it.
                using var readTimeout = limits.ReadTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(limits.ReadTimeout, limits.TimeProvider);
                using var callerCancellation = readTimeout is null ? default : cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), readTimeout);
                reader.ReadTimeoutSource = readTimeout;
                reader.ReadTimeout = limits.ReadTimeout;
                var empty = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    bool more;
                    try
                    {
                        more = await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (JsonException) when (limited.BytesRead == 0)
                    {
                        // A 2xx that sent no bytes at all (chunked, so no Content-Length: 0) is empty.
                        more = false;
                        empty = true;
                    }
                    catch (Exception exception) when (TryMapStreamFailure(exception, response, typeof(T), limits, origin, limited, readTimeout, cancellationToken, out var mapped))
                    {
                        throw mapped;
                    }

                    if (!more)
                    {
                        break;
                    }

                    yield return reader.Current;
                }

                if (reader.Error is { } error)
                {
                    throw origin.CreateException(response.StatusCode, error, RetryAfterParser.Parse(response, limits.TimeProvider));
                }

                if (!empty && !reader.HasData)
                {
                    throw MissingData(response, origin, envelope, limited.GetExcerpt());
                }
            }
        }
    }

    /// <summary>The whole-body read the value and page modes share.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<EnvelopeContent<TData>> ReadContentAsync<TData>(
        HttpResponseMessage response,
        JsonTypeInfo<TData> typeInfo,
        ConnectorEnvelopeOptions envelope,
        ResponseLimits limits,
        ResponseOrigin origin,
        Mode mode,
        Type payloadType,
        CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if ((int)status is < 200 or > 299)
        {
            var error = await ErrorBodyReader.ReadAsync(response, envelope.ErrorProperty, limits.MaxContentBytes, cancellationToken).ConfigureAwait(false);
            return new(ConnectorResultKind.Error, default, error, RetryAfterParser.Parse(response, limits.TimeProvider), null);
        }

        if (IsEmpty(response))
        {
            return default;
        }

        var length = response.Content.Headers.ContentLength;
        if (length > limits.MaxContentBytes)
        {
            var advice = mode == Mode.Value
                ? ". Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends this much."
                : " for one page. Ask for smaller pages, or raise ConnectorClientOptions.MaxResponseContentBytes.";
            throw FormatException(response, origin, $"declares a body of {length} bytes (Content-Length), more than the limit of {limits.MaxContentBytes} bytes{advice}", null, null);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var limited = new LimitedReadStream(stream, limits.MaxContentBytes);
        await using (limited.ConfigureAwait(false))
        {
            try
            {
                if (envelope.DataProperty.Length == 0)
                {
                    var whole = await JsonSerializer.DeserializeAsync(limited, typeInfo, cancellationToken).ConfigureAwait(false);
                    return whole is null ? default : new(ConnectorResultKind.Data, whole, null, null, null);
                }

                var parsed = await JsonSerializer.DeserializeAsync(limited, EnvelopeTypeInfoCache.Get(typeInfo, envelope, withValues: mode == Mode.Page), cancellationToken).ConfigureAwait(false);
                var values = (parsed as EnvelopeWithValues<TData>)?.Values;
                if (parsed is { HasError: true })
                {
                    return new(ConnectorResultKind.Error, default, parsed.Error, null, values);
                }

                if (parsed is { HasData: true })
                {
                    return parsed.DataIsNull
                        ? new(ConnectorResultKind.Empty, default, null, null, values)
                        : new(ConnectorResultKind.Data, parsed.Data, null, null, values);
                }

                if (mode == Mode.NoData)
                {
                    // Data is not wanted, so neither is the envelope's data property.
                    return default;
                }

                throw MissingData(response, origin, envelope, limited.GetExcerpt());
            }
            catch (JsonException) when (limited.BytesRead == 0)
            {
                // A 2xx that sent no bytes at all (chunked, so no Content-Length: 0) is empty.
                return default;
            }
            catch (JsonException exception) when (mode == Mode.Page && envelope.DataProperty.Length > 0 && IsAtDataProperty(exception.Path, envelope.DataProperty))
            {
                throw FormatException(response, origin, $"has a '{envelope.DataProperty}' property that is not the array of items paging reads ({PublicJsonException.Message(exception, payloadType)}). Use SendAsync for a single value.", limited.GetExcerpt(), PublicJsonException.From(exception, payloadType));
            }
            catch (JsonException) when (mode == Mode.NoData && StartsWithNonObjectValue(limited.GetExcerpt()))
            {
                // A bare array or value cannot be an error envelope, and its data is not wanted.
                return default;
            }
            catch (JsonException exception) when (envelope.DataProperty.Length > 0 && StartsWithNonObjectValue(limited.GetExcerpt()))
            {
                // A bare array or value is valid JSON: say what is really missing, not "invalid JSON".
                throw FormatException(response, origin, $"has a JSON body that is not an object with the '{envelope.DataProperty}' property the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", limited.GetExcerpt(), PublicJsonException.From(exception, payloadType));
            }
            catch (Exception exception) when (exception is JsonException or ResponseTooLargeException)
            {
                throw FormatException(response, origin, Problem(exception, mode, payloadType), limited.GetExcerpt(), PublicJsonException.From(exception, payloadType));
            }
        }
    }

    /// <summary>A JSON media type (<c>application/json</c>, <c>application/problem+json</c>, ...), or none declared.</summary>
    private static bool IsJsonOrUnlabelled(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } mediaType
        || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>204, 205, or a declared length of 0: nothing to read.</summary>
    private static bool IsEmpty(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.ResetContent || response.Content.Headers.ContentLength == 0;

    private static bool TryMapStreamFailure(Exception exception, HttpResponseMessage response, Type itemType, ResponseLimits limits, ResponseOrigin origin, LimitedReadStream limited, CancellationTokenSource? readTimeout, CancellationToken cancellationToken, [NotNullWhen(true)] out Exception? mapped)
    {
        mapped = exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                exception is OperationCanceledException { CancellationToken: var token } && token == cancellationToken ? null : new OperationCanceledException(exception.Message, exception, cancellationToken),
            OperationCanceledException when readTimeout is { IsCancellationRequested: true } =>
                new ConnectorTimeoutException(origin.CreateContext(response.StatusCode), $"{origin.Describe()} stalled: no more of its streamed body arrived within the timeout of {limits.ReadTimeout} after {limited.BytesRead} bytes.", limits.ReadTimeout, ConnectorTimeoutKind.Total, exception),
            JsonException or EnvelopeShapeException or ValueTooLargeException or ResponseTooLargeException =>
                FormatException(response, origin, Problem(exception, Mode.Stream, itemType), limited.GetExcerpt(), PublicJsonException.From(exception, itemType)),
            IOException or HttpRequestException =>
                new ConnectorException(origin.CreateContext(response.StatusCode), $"{origin.Describe()} failed before its streamed body was complete, after {limited.BytesRead} bytes: {exception.Message}", exception),
            _ => null,
        };
        return mapped is not null;
    }

    /// <summary>What is wrong with a body that could not be read, in the words of the mode.</summary>
    private static string Problem(Exception exception, Mode mode, Type payloadType) => exception switch
    {
        EnvelopeShapeException => exception.Message,
        ValueTooLargeException tooLarge => $"has {(tooLarge.IsElement ? "a data element" : "a top-level value")} larger than the limit of {tooLarge.Limit} bytes, which applies to each element of a streamed array. Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends elements this large.",
        ResponseTooLargeException tooLarge when mode is Mode.Value or Mode.NoData => $"sent a body larger than the limit of {tooLarge.Limit} bytes. Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends this much.",
        ResponseTooLargeException tooLarge => $"sent a page larger than the limit of {tooLarge.Limit} bytes. Ask for smaller pages, or raise ConnectorClientOptions.MaxResponseContentBytes.",
        _ when mode is Mode.Value or Mode.NoData => $"has a body that is not valid JSON for {payloadType.Name} or is truncated: {PublicJsonException.Message(exception, payloadType)}",
        _ => $"has a body that is not valid JSON for {payloadType.Name} items or is truncated: {PublicJsonException.Message(exception, payloadType)}",
    };

    private static ConnectorResponseFormatException MissingData(HttpResponseMessage response, ResponseOrigin origin, ConnectorEnvelopeOptions envelope, string? excerpt)
    {
        var missing = envelope.ErrorProperty.Length == 0
            ? $"'{envelope.DataProperty}' property"
            : $"'{envelope.DataProperty}' or '{envelope.ErrorProperty}' property";
        return FormatException(response, origin, $"has a JSON body without the {missing} the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", excerpt, null);
    }

    /// <summary>True when a <see cref="JsonException"/> is about the data property's value itself (an object or scalar where the array belongs).</summary>
    private static bool IsAtDataProperty(string? path, string dataProperty) =>
        string.Equals(path, $"$.{dataProperty}", StringComparison.Ordinal) || string.Equals(path, $"$['{dataProperty}']", StringComparison.Ordinal);

    private static bool StartsWithNonObjectValue(string? excerpt)
    {
        var text = excerpt.AsSpan().TrimStart().TrimStart('\uFEFF');
        return !text.IsEmpty && text[0] is '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n';
    }

    private static ConnectorResponseFormatException FormatException(HttpResponseMessage response, ResponseOrigin origin, string problem, string? excerpt, Exception? inner)
    {
        var context = origin.CreateContext(response.StatusCode);
        var message = $"{context.Describe("The response")} answered {(int)response.StatusCode} {response.StatusCode}, but the response {problem}";
        return new ConnectorResponseFormatException(context, message, response.Content.Headers.ContentType?.ToString(), excerpt, inner);
    }
}
