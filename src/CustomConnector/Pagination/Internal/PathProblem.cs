namespace CustomConnector.Internal;

/// <summary>A pagination path that matched nothing on the first page: the path, its setting's name, and the part missing from the page.</summary>
/// <param name="Path">The configured path, such as <c>meta.totalPages</c>.</param>
/// <param name="Setting">The setting that holds it, such as <c>totalPagesPath</c>.</param>
/// <param name="Missing">The part of the path the page lacks: the path itself, or its parent object.</param>
internal sealed record PathProblem(string Path, string Setting, string Missing)
{
    /// <summary>A configured path that must match on every page (a total) and does not.</summary>
    public static PathProblem? Required(ConnectorPage page, string? path, string setting) =>
        path is null || page.TryGetValue(path, out _) ? null : new PathProblem(path, setting, path);

    /// <summary>A link or cursor path whose parent object is missing from a page that is not the last.</summary>
    public static PathProblem? ParentRequired(ConnectorPage page, string path, string setting, PageSize pageSize)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0 || pageSize.IsShort(page))
        {
            return null;
        }

        var parent = path[..dot];
        return page.TryGetValue(parent, out _) ? null : new PathProblem(path, setting, parent);
    }
}
