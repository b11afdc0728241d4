using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Walks an endpoint's pages: each one a full call through the call runner (credentials, resilience,
/// timeout, error mapping) and the envelope reader's page mode, read whole before it is yielded, so
/// that the next request waits until the caller has taken its items. Next links are checked by the
/// one trust policy the hop sender uses for redirects.
/// </summary>
internal static class PageWalker
{
    /// <summary>Walks the pages of <paramref name="endpoint"/> from <paramref name="endpointUri"/>.</summary>
    public static async IAsyncEnumerable<ConnectorPage<T>> WalkAsync<T>(IPageCallRunner runner, IConnectorEndpoint endpoint, Uri endpointUri, IPaginationStrategy? strategy, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        strategy ??= endpoint.Pagination ?? Pagination.None;
        var options = strategy.Options ?? PaginationOptions.Default;
        var envelope = endpoint.Envelope ?? runner.Envelope;
        var limits = runner.ReaderLimits();
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

        // Telemetry: one activity around the walk (each page's call activity its child), and why it ended.
        var telemetry = runner.PageTelemetry;
        var method = endpoint.Method.Method;
        var walk = telemetry.StartWalk(method, endpoint.Name);
        var pages = 0;
        var stop = PageWalkStop.Error;
        Exception? error = null;
        var suspended = false;
        try
        {
            for (var pageNumber = 1; ; pageNumber++)
            {
                ConnectorCall call;
                ConnectorPage<T> page;
                try
                {
                    // A cancelled enumeration sends nothing more.
                    cancellationToken.ThrowIfCancellationRequested();
                    call = runner.CreateCall(endpoint, requestUri, trustEndpointOrigin: trusted);
                    if (walk is not null)
                    {
                        // The iterator runs in its caller's context at each step: the page's call activity goes under the walk.
                        Activity.Current = walk;
                    }

                    var state = (TypeInfo: typeInfo, Envelope: envelope, Limits: limits, PageNumber: pageNumber, ItemsBefore: itemsRead, ItemBudget: maxItems - itemsYielded);
                    page = await runner.RunAsync(
                        endpoint,
                        call,
                        state,
                        static (response, call, state, token) => PageReader.ReadAsync(response, state.TypeInfo, state.Envelope, state.Limits, state.PageNumber, state.ItemsBefore, state.ItemBudget, call.ToOrigin(), token),
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    error = exception;
                    stop = exception is OperationCanceledException && cancellationToken.IsCancellationRequested ? PageWalkStop.Cancelled : PageWalkStop.Error;
                    throw;
                }

                if (pageNumber == 1 && page.Items.Count > 0 && typeInfo.Kind == JsonTypeInfoKind.Object && telemetry.IsDebugEnabled
                    && DefaultMembers.AllDefault(typeInfo, page.Items[0]))
                {
                    // As SendAsync does for a data object: names that did not match leave every member at its default.
                    telemetry.ItemMembersAllDefault(method, endpoint.Name, typeof(T).Name, typeInfo.Properties.Count);
                }

                pages = pageNumber;
                itemsRead = page.TotalItemCount;
                itemsYielded += page.Items.Count;

                ExceptionDispatchInfo? failure = null;
                if (page.ItemCount > 0 && itemsYielded < maxItems)
                {
                    stop = PageWalkStop.NoNextLink;
                    try
                    {
                        if (pageNumber == 1 && strategy is IFirstPageCheck check && check.CheckFirstPage(page) is { } problem)
                        {
                            throw new ConnectorException(call.CreateContext(null), DescribePathProblem(problem, page, envelope, endpoint));
                        }

                        if (strategy.GetNextRequest(page) is { } next)
                        {
                            if (pageNumber >= options.MaxPages)
                            {
                                stop = PageWalkStop.MaxPages;
                                throw new ConnectorException(call.CreateContext(null), $"Paging {endpoint.Name} stopped after {options.MaxPages} pages (PaginationOptions.MaxPages) while the API still offered another ({next.ToString(call.Redaction)}). Raise MaxPages if the data set really is that large, or set MaxItems to read only part of it.");
                            }

                            var (nextUri, nextTrusted) = ResolveNextPage(runner, next, page, firstUri, endpoint, options, call);
                            if (!visited.Add(nextUri))
                            {
                                throw new ConnectorException(call.CreateContext(null), $"Paging {endpoint.Name} is looping: after page {pageNumber} the API pointed at {call.Redaction.Redact(nextUri)} again, which was already read ({next.ToString(call.Redaction)}). Stopped after {itemsYielded} items rather than reading the same pages forever.");
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
                        error = exception;
                        if (stop != PageWalkStop.MaxPages)
                        {
                            stop = PageWalkStop.Error;
                        }
                    }
                }
                else
                {
                    stop = page.ItemCount == 0 ? PageWalkStop.EmptyPage : PageWalkStop.MaxItems;
                }

                telemetry.PageFetched(method, endpoint.Name, pageNumber, page.Items.Count, page.NextRequestUri, call.Redaction);

                // Until the caller asks for more, a walk with more to read (or a failure not yet thrown) counts as stopped by the caller.
                suspended = page.NextRequestUri is not null || failure is not null;
                yield return page;
                suspended = false;
                failure?.Throw();
                if (page.NextRequestUri is null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            telemetry.WalkFinished(walk, method, endpoint.Name, pages, itemsYielded, suspended ? PageWalkStop.CallerStopped : stop, suspended ? null : error);
        }
    }

    /// <summary>Says which pagination path matched nothing on the first page, and what the page has instead.</summary>
    private static string DescribePathProblem(PathProblem problem, ConnectorPage page, ConnectorEnvelopeOptions envelope, IConnectorEndpoint endpoint)
    {
        var names = new List<string>();
        if (envelope.DataProperty.Length > 0)
        {
            names.Add(envelope.DataProperty);
        }

        names.AddRange(page.TopLevelNames);
        var missing = problem.Missing == problem.Path ? string.Empty : $" ('{problem.Missing}' is not in the page)";
        var properties = names.Count == 0 ? "the page has no top-level properties (it is a bare JSON array)" : $"the page's top-level properties are: {string.Join(", ", names)}";
        return $"Pagination path '{problem.Path}' ({problem.Setting}) matched nothing on the first page of '{endpoint.Name}'{missing}; {properties}. Fix the path in the endpoint's Pagination settings.";
    }

    /// <summary>Turns the strategy's next request into a URI, and decides whether it may go out and with which trust.</summary>
    private static (Uri Uri, bool Trusted) ResolveNextPage(IPageCallRunner runner, PageRequest next, ConnectorPage page, Uri firstUri, IConnectorEndpoint endpoint, PaginationOptions options, ConnectorCall call)
    {
        if (next.Link is not { } link)
        {
            // Parameters on the first page's URI: the developer's endpoint, trusted as page 1 was.
            return (QueryEditor.Set(firstUri, next.QueryParameters), true);
        }

        var current = page.RequestUri;
        if (!Uri.TryCreate(current, link, out var target))
        {
            throw new ConnectorResponseFormatException(call.CreateContext(page.StatusCode), $"Page {page.PageNumber} of {endpoint.Name} gave a next link that is not a valid URI reference ({next.ToString(call.Redaction)}).", null, null);
        }

        switch (HopTrustPolicy.CheckServerSupplied(current, target))
        {
            case ServerUriProblem.NotHttp:
                throw new ConnectorException(call.CreateContext(null), $"Page {page.PageNumber} of {endpoint.Name} gave a next link to a '{target.Scheme}' URI, which pagination does not follow.");
            case ServerUriProblem.Downgrade:
                throw new ConnectorException(call.CreateContext(null), $"Page {page.PageNumber} of {endpoint.Name} gave a next link from https to plain http ({call.Redaction.Redact(target)}); pagination does not downgrade.");
        }

        target = HopTrustPolicy.WithoutCredentials(QueryEditor.Set(target, next.QueryParameters), runner.Trust.ProviderOf(endpoint));
        switch (runner.Trust.ClassifyLink(target, firstUri))
        {
            case LinkOrigin.FirstPage:
                return (target, true);
            case LinkOrigin.Trusted:
                return (target, false);
        }

        if (!options.AllowCrossOriginLinks)
        {
            var own = call.Redaction.Redact(runner.BaseAddress ?? firstUri).GetLeftPart(UriPartial.Authority);
            throw new ConnectorException(
                call.CreateContext(null),
                $"Page {page.PageNumber} of {endpoint.Name} gave a next link to another origin ({call.Redaction.Redact(target)}) than the connector's ({own}); it was not followed. Credentials never follow a server-supplied link to another host. Set PaginationOptions.AllowCrossOriginLinks to follow such links without credentials, or add the origin to TrustedOrigins if it should get them.");
        }

        // Sent without credentials or custom headers: the call does not trust a server-supplied origin.
        return (target, false);
    }
}
