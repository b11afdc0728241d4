using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Internal;

/// <summary>
/// The telemetry of page walks: an activity per walk (each page's call activity is its child), the
/// <c>customconnector.client.pages</c> and <c>customconnector.client.items</c> counters, and the paging
/// log events. Next links are redacted by the call's <see cref="RedactionPolicy"/> before anything records them.
/// Everything here is cheap when nobody listens: nothing is allocated unless a listener asks for it.
/// </summary>
/// <remarks>
/// The walk's activity is of kind <see cref="ActivityKind.Internal"/>: it is no request of its own but a
/// span around several, each page's call being the client span (with HttpClient's under it), as
/// OpenTelemetry's rule that a client span stands for one outgoing request asks.
/// </remarks>
internal sealed class PageTelemetry
{
    private readonly ILogger _logger;
    private readonly string? _connectorName;
    private readonly Counter<long> _pages;
    private readonly Counter<long> _items;

    /// <param name="logger">The connector's logger.</param>
    /// <param name="connectorName">The connector's name under dependency injection; <see langword="null"/> for a client made in code.</param>
    /// <param name="instruments">The connector's instruments (on the container's meter, or the library's own).</param>
    public PageTelemetry(ILogger logger, string? connectorName, ConnectorInstruments instruments)
    {
        _logger = logger;
        _connectorName = connectorName;
        _pages = instruments.Pages;
        _items = instruments.Items;
    }

    /// <summary>Starts the walk's activity, or returns <see langword="null"/> when nobody traces.</summary>
    public Activity? StartWalk(string method, string? endpoint)
    {
        if (!ConnectorTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = ConnectorTelemetry.Source.StartActivity($"{method} {endpoint} pages", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method);
            activity.SetTag("customconnector.endpoint", endpoint);
            if (_connectorName is not null)
            {
                activity.SetTag("customconnector.connector", _connectorName);
            }
        }

        return activity;
    }

    /// <summary>One page arrived: counted, and logged with its next link (redacted) when Debug is on.</summary>
    public void PageFetched(string method, string? endpoint, int pageNumber, int items, Uri? nextLink, RedactionPolicy redaction)
    {
        if (_pages.Enabled || _items.Enabled)
        {
            var tags = Tags(method, endpoint);
            _pages.Add(1, tags);
            _items.Add(items, tags);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ConnectorLog.PageFetched(_logger, method, endpoint ?? string.Empty, pageNumber, items, nextLink is null ? null : redaction.Redact(nextLink));
        }
    }

    /// <summary>Gets a value indicating whether the Debug log is on, so that checks made only for it are skipped otherwise.</summary>
    public bool IsDebugEnabled => _logger.IsEnabled(LogLevel.Debug);

    /// <summary>Logs (at Debug) that the first item of a walk has every member at its default: JSON names that did not match the type's.</summary>
    public void ItemMembersAllDefault(string method, string? endpoint, string itemType, int memberCount) =>
        ConnectorLog.DataMembersAllDefault(_logger, method, _connectorName, endpoint, itemType, memberCount);

    /// <summary>The walk ended: its activity gets its totals and closes, and the end is logged when Debug is on.</summary>
    public void WalkFinished(Activity? walk, string method, string? endpoint, int pages, long items, PageWalkStop stop, Exception? failure)
    {
        var reason = Describe(stop);
        if (walk is not null)
        {
            if (walk.IsAllDataRequested)
            {
                walk.SetTag("customconnector.pages", pages);
                walk.SetTag("customconnector.items", items);
                walk.SetTag("customconnector.pages.stop_reason", reason);
                if (stop is PageWalkStop.Error or PageWalkStop.MaxPages && failure is not null)
                {
                    walk.SetTag("error.type", failure.GetType().FullName);
                }
            }

            if (stop is PageWalkStop.Error or PageWalkStop.MaxPages)
            {
                walk.SetStatus(ActivityStatusCode.Error);
            }

            walk.Dispose();
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ConnectorLog.PagingFinished(_logger, method, endpoint ?? string.Empty, pages, items, reason);
        }
    }

    /// <summary>The low-cardinality name of a stop reason, for the log and the activity.</summary>
    public static string Describe(PageWalkStop stop) => stop switch
    {
        PageWalkStop.NoNextLink => "no_next_link",
        PageWalkStop.EmptyPage => "empty_page",
        PageWalkStop.MaxItems => "max_items",
        PageWalkStop.MaxPages => "max_pages",
        PageWalkStop.CallerStopped => "caller_stopped",
        PageWalkStop.Cancelled => "cancelled",
        _ => "error",
    };

    private TagList Tags(string method, string? endpoint)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "customconnector.endpoint", endpoint },
        };
        if (_connectorName is not null)
        {
            tags.Add("customconnector.connector", _connectorName);
        }

        return tags;
    }
}
