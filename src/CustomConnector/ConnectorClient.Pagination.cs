using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Paging and streaming: many items from one endpoint, one page (or one element) in memory at a time.</summary>
public sealed partial class ConnectorClient
{
    /// <inheritdoc/>
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        PaginateAsync(endpoint, null, typeInfo, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var endpointUri = ResolveUri(endpoint);
        return new PagedItems<T>(token => PaginatePagesCoreAsync(endpoint, endpointUri, strategy, typeInfo, token).GetAsyncEnumerator(token), cancellationToken);
    }

    /// <inheritdoc/>
    [RequiresUnreferencedCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in trimmed apps.")]
    [RequiresDynamicCode("Deserializes by reflection. Use the overload that takes a JsonTypeInfo<T> in native AOT apps.")]
    public IAsyncEnumerable<T> PaginateAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy = null, CancellationToken cancellationToken = default) =>
        PaginateAsync(endpoint, strategy, GetReflectionTypeInfo<T>(), cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<ConnectorPage<T>> PaginatePagesAsync<T>(IConnectorEndpoint endpoint, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return PaginatePagesCoreAsync(endpoint, ResolveUri(endpoint), strategy, typeInfo, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<T> StreamDataAsync<T>(IConnectorEndpoint endpoint, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return StreamDataCoreAsync(endpoint, ResolveUri(endpoint), typeInfo, cancellationToken);
    }

    /// <summary>
    /// Walks the pages: each one a full call through <see cref="SendCoreAsync"/> (credentials,
    /// resilience, timeout, error mapping), read whole before it is yielded, so that the next request
    /// waits until the caller has taken its items.
    /// </summary>
    private async IAsyncEnumerable<ConnectorPage<T>> PaginatePagesCoreAsync<T>(IConnectorEndpoint endpoint, Uri endpointUri, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        strategy ??= endpoint.Pagination ?? Pagination.None;
        var options = strategy.Options ?? PaginationOptions.Default;
        var envelope = endpoint.Envelope ?? _settings.Envelope;
        var firstUri = endpointUri;
        if (strategy.GetFirstRequest(endpoint) is { } first)
        {
            // The strategy is the developer's code, so whatever it asks for first is trusted like the endpoint.
            firstUri = QueryEditor.Set(first.Link is { } link ? new Uri(endpointUri, link) : endpointUri, first.QueryParameters);
        }

        var visited = new VisitedPages();
        visited.Add(firstUri);
        var requestUri = firstUri;
        var trusted = true;
        long itemsRead = 0;
        long itemsYielded = 0;
        var maxItems = options.MaxItems ?? long.MaxValue;
        for (var pageNumber = 1; ; pageNumber++)
        {
            // A cancelled enumeration sends nothing more.
            cancellationToken.ThrowIfCancellationRequested();
            var call = CreateCall(endpoint, requestUri, trustEndpointOrigin: trusted);
            var state = (TypeInfo: typeInfo, Envelope: envelope, Settings: _settings, PageNumber: pageNumber, ItemsBefore: itemsRead, ItemBudget: maxItems - itemsYielded);
            var page = await SendCoreAsync(endpoint, call, state, ReadPageAsync, cancellationToken).ConfigureAwait(false);
            itemsRead = page.TotalItemCount;
            itemsYielded += page.Items.Count;

            ExceptionDispatchInfo? failure = null;
            if (page.ItemCount > 0 && itemsYielded < maxItems)
            {
                try
                {
                    if (strategy.GetNextRequest(page) is { } next)
                    {
                        if (pageNumber >= options.MaxPages)
                        {
                            throw new ConnectorException(call.CreateContext(null), $"Paging {Describe(endpoint)} stopped after {options.MaxPages} pages (PaginationOptions.MaxPages) while the API still offered another ({next.ToString(call.Redaction)}). Raise MaxPages if the data set really is that large, or set MaxItems to read only part of it.");
                        }

                        var (nextUri, nextTrusted) = ResolveNextPage(next, page, firstUri, endpoint, options, call);
                        if (!visited.Add(nextUri))
                        {
                            throw new ConnectorException(call.CreateContext(null), $"Paging {Describe(endpoint)} is looping: after page {pageNumber} the API pointed at {call.Redaction.Redact(nextUri)} again, which was already read ({next.ToString(call.Redaction)}). Stopped after {itemsYielded} items rather than reading the same pages forever.");
                        }

                        page.NextRequest = next;
                        page.NextRequestUri = nextUri;
                        requestUri = nextUri;
                        trusted = nextTrusted;
                    }
                }
                catch (Exception exception)
                {
                    // Thrown after this page's items: they were read, and the caller gets them first.
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            }

            yield return page;
            failure?.Throw();
            if (page.NextRequestUri is null)
            {
                yield break;
            }
        }
    }

    /// <summary>Turns the strategy's next request into a URI, and decides whether it may go out and with which trust.</summary>
    private (Uri Uri, bool Trusted) ResolveNextPage(PageRequest next, ConnectorPage page, Uri firstUri, IConnectorEndpoint endpoint, PaginationOptions options, ConnectorCall call)
    {
        if (next.Link is not { } link)
        {
            // Parameters on the first page's URI: the developer's endpoint, trusted as page 1 was.
            return (QueryEditor.Set(firstUri, next.QueryParameters), true);
        }

        var current = page.RequestUri;
        if (!Uri.TryCreate(current, link, out var target))
        {
            throw new ConnectorResponseFormatException(call.CreateContext(page.StatusCode), $"Page {page.PageNumber} of {Describe(endpoint)} gave a next link that is not a valid URI reference ({next.ToString(call.Redaction)}).", null, null);
        }

        switch (HopTrustPolicy.CheckServerSupplied(current, target))
        {
            case ServerUriProblem.NotHttp:
                throw new ConnectorException(call.CreateContext(null), $"Page {page.PageNumber} of {Describe(endpoint)} gave a next link to a '{target.Scheme}' URI, which pagination does not follow.");
            case ServerUriProblem.Downgrade:
                throw new ConnectorException(call.CreateContext(null), $"Page {page.PageNumber} of {Describe(endpoint)} gave a next link from https to plain http ({call.Redaction.Redact(target)}); pagination does not downgrade.");
        }

        target = HopTrustPolicy.WithoutCredentials(QueryEditor.Set(target, next.QueryParameters), _trust.ProviderOf(endpoint));
        switch (_trust.ClassifyLink(target, firstUri))
        {
            case LinkOrigin.FirstPage:
                return (target, true);
            case LinkOrigin.Trusted:
                return (target, false);
        }

        if (!options.AllowCrossOriginLinks)
        {
            var own = call.Redaction.Redact(_settings.BaseAddress ?? firstUri).GetLeftPart(UriPartial.Authority);
            throw new ConnectorException(
                call.CreateContext(null),
                $"Page {page.PageNumber} of {Describe(endpoint)} gave a next link to another origin ({call.Redaction.Redact(target)}) than the connector's ({own}); it was not followed. Credentials never follow a server-supplied link to another host. Set PaginationOptions.AllowCrossOriginLinks to follow such links without credentials, or add the origin to TrustedOrigins if it should get them.");
        }

        // Sent without credentials or custom headers: the call does not trust a server-supplied origin.
        return (target, false);
    }

    private static async Task<ConnectorPage<T>> ReadPageAsync<T>(
        HttpResponseMessage response,
        ConnectorCall call,
        (JsonTypeInfo<T> TypeInfo, ConnectorEnvelopeOptions Envelope, ConnectorSettings Settings, int PageNumber, long ItemsBefore, long ItemBudget) state,
        CancellationToken cancellationToken)
    {
        var settings = state.Settings;
        var status = response.StatusCode;
        if ((int)status is < 200 or > 299)
        {
            var error = await ErrorBodyReader.ReadAsync(response, state.Envelope.ErrorProperty, settings.MaxResponseContentBytes, cancellationToken).ConfigureAwait(false);
            throw ErrorException<T>(response, error, settings, call);
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        if (status is HttpStatusCode.NoContent or HttpStatusCode.ResetContent || length == 0)
        {
            return EmptyPage<T>(response, call, state.PageNumber, state.ItemsBefore);
        }

        if (length > settings.MaxResponseContentBytes)
        {
            throw ConnectorResponseParser.FormatException(response, call, $"declares a body of {length} bytes (Content-Length), more than the limit of {settings.MaxResponseContentBytes} bytes for one page. Ask for smaller pages, or raise ConnectorClientOptions.MaxResponseContentBytes.", null, null);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var limited = new LimitedReadStream(stream, settings.MaxResponseContentBytes);
        await using (limited.ConfigureAwait(false))
        {
            var envelope = state.Envelope;
            List<T>? items;
            Dictionary<string, JsonElement>? values = null;
            try
            {
                // One streaming pass of System.Text.Json, as a hand-written loop would do; the page is held whole anyway.
                if (envelope.DataProperty.Length == 0)
                {
                    items = await JsonSerializer.DeserializeAsync(limited, PageEnvelopeTypeInfoCache.GetList(state.TypeInfo), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var parsed = await JsonSerializer.DeserializeAsync(limited, PageEnvelopeTypeInfoCache.Get(state.TypeInfo, envelope), cancellationToken).ConfigureAwait(false);
                    if (parsed?.Error is { } error)
                    {
                        throw ErrorException<T>(response, error, settings, call);
                    }

                    if (parsed is not { HasData: true })
                    {
                        throw MissingData(response, call, envelope, limited);
                    }

                    items = parsed.Data;
                    values = parsed.Values;
                }
            }
            catch (JsonException) when (limited.BytesRead == 0)
            {
                // A 2xx that sent no bytes at all (chunked, so no Content-Length: 0) is an empty page.
                return EmptyPage<T>(response, call, state.PageNumber, state.ItemsBefore);
            }
            catch (JsonException exception) when (envelope.DataProperty.Length > 0 && IsAtDataProperty(exception.Path, envelope.DataProperty))
            {
                throw ConnectorResponseParser.FormatException(response, call, $"has a '{envelope.DataProperty}' property that is not the array of items paging reads ({exception.Message}). Use SendAsync for a single value.", limited.GetExcerpt(), exception);
            }
            catch (JsonException exception) when (envelope.DataProperty.Length > 0 && ConnectorResponseParser.StartsWithNonObjectValue(limited.GetExcerpt()))
            {
                throw ConnectorResponseParser.FormatException(response, call, $"has a JSON body that is not an object with the '{envelope.DataProperty}' property the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", limited.GetExcerpt(), exception);
            }
            catch (Exception exception) when (exception is JsonException or ResponseTooLargeException)
            {
                throw FormatProblem<T>(exception, response, call, limited);
            }

            items ??= [];
            var count = items.Count;
            if (count > state.ItemBudget)
            {
                items.RemoveRange((int)state.ItemBudget, count - (int)state.ItemBudget);
            }

            return new ConnectorPage<T>(state.PageNumber, items, count, state.ItemsBefore + count, status, response.Headers, call.RequestUri!, values) { Redaction = call.Redaction };
        }
    }

    /// <summary>True when a <see cref="JsonException"/> is about the data property's value itself (an object or scalar where the array belongs).</summary>
    private static bool IsAtDataProperty(string? path, string dataProperty) =>
        string.Equals(path, $"$.{dataProperty}", StringComparison.Ordinal) || string.Equals(path, $"$['{dataProperty}']", StringComparison.Ordinal);

    private async IAsyncEnumerable<T> StreamDataCoreAsync<T>(IConnectorEndpoint endpoint, Uri requestUri, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var envelope = endpoint.Envelope ?? _settings.Envelope;
        var call = CreateCall(endpoint, requestUri, trustEndpointOrigin: true);
        var opened = await SendCoreAsync(endpoint, call, (Envelope: envelope, Settings: _settings), OpenDataStreamAsync, cancellationToken).ConfigureAwait(false);
        if (opened is not { } taken)
        {
            yield break;
        }

        var (response, stream) = taken;
        using (response)
        {
            // The limit applies to each element (in the reader), not to the body: the array may be any size.
            var limited = new LimitedReadStream(stream, long.MaxValue);
            await using (limited.ConfigureAwait(false))
            {
                using var reader = new DataArrayReader<T>(limited, typeInfo, envelope, _settings.MaxResponseContentBytes);

                // The call's timeout covered getting the response; from here it bounds each wait for more
                // of the body, since a long array legitimately takes as long as the caller takes to consume it.
                using var readTimeout = _settings.Timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_settings.Timeout, _settings.TimeProvider);
                using var callerCancellation = readTimeout is null ? default : cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), readTimeout);
                reader.ReadTimeoutSource = readTimeout;
                reader.ReadTimeout = _settings.Timeout;
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
                        more = false;
                        empty = true;
                    }
                    catch (Exception exception) when (TryMapStreamFailure<T>(exception, response, call, limited, readTimeout, cancellationToken, out var mapped))
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
                    throw ErrorException<T>(response, error, _settings, call);
                }

                if (!empty && !reader.HasData)
                {
                    throw MissingData(response, call, envelope, limited);
                }
            }
        }
    }

    /// <summary>Hands over the response of a 2xx with a body (the caller streams and disposes it); maps an error status to its exception.</summary>
    private static async Task<(HttpResponseMessage Response, Stream Stream)?> OpenDataStreamAsync(
        HttpResponseMessage response,
        ConnectorCall call,
        (ConnectorEnvelopeOptions Envelope, ConnectorSettings Settings) state,
        CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if ((int)status is < 200 or > 299)
        {
            var error = await ErrorBodyReader.ReadAsync(response, state.Envelope.ErrorProperty, state.Settings.MaxResponseContentBytes, cancellationToken).ConfigureAwait(false);
            throw ErrorException<object>(response, error, state.Settings, call);
        }

        if (status is HttpStatusCode.NoContent or HttpStatusCode.ResetContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        call.ResponseTaken = true;
        return (response, stream);
    }

    private bool TryMapStreamFailure<T>(Exception exception, HttpResponseMessage response, ConnectorCall call, LimitedReadStream limited, CancellationTokenSource? readTimeout, CancellationToken cancellationToken, [NotNullWhen(true)] out Exception? mapped)
    {
        mapped = exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                exception is OperationCanceledException { CancellationToken: var token } && token == cancellationToken ? null : new OperationCanceledException(exception.Message, exception, cancellationToken),
            OperationCanceledException when readTimeout is { IsCancellationRequested: true } =>
                new ConnectorTimeoutException(call.CreateContext(response.StatusCode), $"{call.Describe()} stalled: no more of its streamed body arrived within the timeout of {_settings.Timeout} after {limited.BytesRead} bytes.", _settings.Timeout, ConnectorTimeoutKind.Total, exception),
            JsonException or EnvelopeShapeException or ValueTooLargeException or ResponseTooLargeException => FormatProblem<T>(exception, response, call, limited),
            IOException or HttpRequestException =>
                new ConnectorException(call.CreateContext(response.StatusCode), $"{call.Describe()} failed before its streamed body was complete, after {limited.BytesRead} bytes: {exception.Message}", exception),
            _ => null,
        };
        return mapped is not null;
    }

    private static ConnectorPage<T> EmptyPage<T>(HttpResponseMessage response, ConnectorCall call, int pageNumber, long itemsBefore) =>
        new(pageNumber, [], 0, itemsBefore, response.StatusCode, response.Headers, call.RequestUri!, null) { Redaction = call.Redaction };

    private static ConnectorException ErrorException<T>(HttpResponseMessage response, ConnectorError error, ConnectorSettings settings, ConnectorCall call) =>
        new ConnectorResult<T>(ConnectorResultKind.Error, response.StatusCode, default, error, RetryAfterParser.Parse(response, settings.TimeProvider), call).ToException()!;

    private static ConnectorResponseFormatException MissingData(HttpResponseMessage response, ConnectorCall call, ConnectorEnvelopeOptions envelope, LimitedReadStream limited)
    {
        var missing = envelope.ErrorProperty.Length == 0
            ? $"'{envelope.DataProperty}' property"
            : $"'{envelope.DataProperty}' or '{envelope.ErrorProperty}' property";
        return ConnectorResponseParser.FormatException(response, call, $"has a JSON body without the {missing} the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".", limited.GetExcerpt(), null);
    }

    private static ConnectorResponseFormatException FormatProblem<T>(Exception exception, HttpResponseMessage response, ConnectorCall call, LimitedReadStream limited)
    {
        var problem = exception switch
        {
            EnvelopeShapeException => exception.Message,
            ValueTooLargeException tooLarge => $"has {(tooLarge.IsElement ? "a data element" : "a top-level value")} larger than the limit of {tooLarge.Limit} bytes, which applies to each element of a streamed array. Raise ConnectorClientOptions.MaxResponseContentBytes if the API legitimately sends elements this large.",
            ResponseTooLargeException tooLarge => $"sent a page larger than the limit of {tooLarge.Limit} bytes. Ask for smaller pages, or raise ConnectorClientOptions.MaxResponseContentBytes.",
            _ => $"has a body that is not valid JSON for {typeof(T).Name} items or is truncated: {exception.Message}",
        };
        return ConnectorResponseParser.FormatException(response, call, problem, limited.GetExcerpt(), exception);
    }

    private static string Describe(IConnectorEndpoint endpoint) => endpoint.Name;

}
