using System.Globalization;

namespace CustomConnector.Internal;

/// <summary>The page size a strategy asks for (if any) and knows (if any): it is sent on every request and ends paging at a short page.</summary>
internal readonly record struct PageSize(string? Parameter, int? Size)
{
    /// <summary>True when the page held fewer items than a full page, so it is the last.</summary>
    public bool IsShort(ConnectorPage page) => Size is { } size && page.ItemCount < size;

    public PageRequest? FirstRequest() => Parameter is null ? null : PageRequest.FromQuery(Parameter, Size);

    /// <summary>Sets the page size on a link too: a server that leaves it out of its links would fall back to its own default size.</summary>
    public PageRequest Apply(PageRequest request) => Parameter is null ? request : request.WithQueryParameter(Parameter, Size);

    public override string ToString() => Size is { } size
        ? Parameter is null ? string.Create(CultureInfo.InvariantCulture, $", page size {size}") : string.Create(CultureInfo.InvariantCulture, $", {Parameter}={size}")
        : string.Empty;
}
