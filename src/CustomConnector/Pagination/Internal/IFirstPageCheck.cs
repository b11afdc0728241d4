namespace CustomConnector.Internal;

/// <summary>
/// A strategy whose settings name paths in the page's body: on the first page with items it tells the
/// page walker about a path that cannot be right, so a misspelled path fails instead of paging silently wrong.
/// </summary>
/// <remarks>
/// Only what is unambiguous is flagged: a configured total (pages or records) absent from the first page,
/// or a next link/cursor path whose parent object is absent from a first page that is not known to be the
/// last (a missing link or cursor is how the last page ends paging, so the value itself may be absent).
/// </remarks>
internal interface IFirstPageCheck
{
    /// <summary>Returns the problem with the strategy's paths on <paramref name="firstPage"/>, or <see langword="null"/> when there is none.</summary>
    PathProblem? CheckFirstPage(ConnectorPage firstPage);
}
