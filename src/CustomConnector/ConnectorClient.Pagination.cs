using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
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
            var page = await SendCoreAsync(
                endpoint,
                call,
                state,
                static (response, call, state, token) => PageReader.ReadAsync(response, state.TypeInfo, state.Envelope, ReaderLimits(state.Settings), state.PageNumber, state.ItemsBefore, state.ItemBudget, ReaderOrigin(call), token),
                cancellationToken).ConfigureAwait(false);
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

    private async IAsyncEnumerable<T> StreamDataCoreAsync<T>(IConnectorEndpoint endpoint, Uri requestUri, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var envelope = endpoint.Envelope ?? _settings.Envelope;
        var limits = ReaderLimits(_settings);
        var call = CreateCall(endpoint, requestUri, trustEndpointOrigin: true);
        var opened = await SendCoreAsync(endpoint, call, (Envelope: envelope, Limits: limits), OpenDataStreamAsync, cancellationToken).ConfigureAwait(false);
        if (opened is not { } taken)
        {
            yield break;
        }

        await foreach (var item in EnvelopeReader.ReadStreamAsync(taken.Response, taken.Stream, typeInfo, envelope, limits, ReaderOrigin(call), cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Hands over the response of a 2xx with a body (the stream reader disposes it); maps an error status to its exception.</summary>
    private static async Task<(HttpResponseMessage Response, Stream Stream)?> OpenDataStreamAsync(
        HttpResponseMessage response,
        ConnectorCall call,
        (ConnectorEnvelopeOptions Envelope, ResponseLimits Limits) state,
        CancellationToken cancellationToken)
    {
        if (await EnvelopeReader.OpenStreamAsync(response, state.Envelope, state.Limits, ReaderOrigin(call), cancellationToken).ConfigureAwait(false) is not { } stream)
        {
            return null;
        }

        call.ResponseTaken = true;
        return (response, stream);
    }

    /// <summary>What the response reader knows of a call whose attempts are over.</summary>
    private static ResponseOrigin ReaderOrigin(ConnectorCall call) =>
        new(call.EndpointName, call.Method, call.RequestUri, call.Redaction, call.ExceptionMap, call.Attempts);

    /// <summary>The settings the response reader applies.</summary>
    private static ResponseLimits ReaderLimits(ConnectorSettings settings) =>
        new(settings.MaxResponseContentBytes, settings.TimeProvider, settings.Timeout);

    private static string Describe(IConnectorEndpoint endpoint) => endpoint.Name;

}
