namespace CustomConnector.Diagnostics;

/// <summary>The page's <c>meta</c>: how many pages there are.</summary>
public sealed class PageMeta
{
    public int TotalPages { get; set; }
}
