namespace CustomConnector.Internal;

/// <summary>Why a page walk ended, as the walk's log event and activity say it.</summary>
internal enum PageWalkStop
{
    /// <summary>The walk failed: a page's call, or a next link that could not be followed (loop, foreign origin, bad URI).</summary>
    Error,

    /// <summary>The last page offered no next link or cursor.</summary>
    NoNextLink,

    /// <summary>A page had no items.</summary>
    EmptyPage,

    /// <summary><see cref="PaginationOptions.MaxItems"/> items were read.</summary>
    MaxItems,

    /// <summary><see cref="PaginationOptions.MaxPages"/> pages were read while the API offered another (an error for the caller).</summary>
    MaxPages,

    /// <summary>The caller stopped enumerating before the walk ended.</summary>
    CallerStopped,

    /// <summary>The caller's cancellation token was cancelled.</summary>
    Cancelled,
}
