using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>The limits and link policy of one paged enumeration; immutable once created.</summary>
/// <example>
/// <code>
/// var strategy = Pagination.Cursor("meta.next", "cursor", options: new PaginationOptions { MaxItems = 500 });
/// </code>
/// </example>
public sealed class PaginationOptions
{
    private readonly int _maxPages = ConnectorDefaults.MaxPages;
    private readonly long? _maxItems;

    /// <summary>Gets the most pages an enumeration requests. When that many were read and the strategy still offers a next page, the enumeration throws a <see cref="ConnectorException"/> (after yielding what it read) rather than silently stopping short.</summary>
    /// <value>The default is 10,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxPages
    {
        get => _maxPages;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxPages = value;
        }
    }

    /// <summary>Gets the most items an enumeration yields; it stops quietly, without requesting another page, once that many were yielded.</summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long? MaxItems
    {
        get => _maxItems;
        init
        {
            if (value is { } items)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(items, 1L);
            }

            _maxItems = value;
        }
    }

    /// <summary>
    /// Gets a value indicating whether a next link to another origin (scheme, host and port) than
    /// the connector's may be followed. Such a link is then sent without any credential, default
    /// header or endpoint header. Links from https to plain http are refused either way.
    /// </summary>
    /// <value>The default is <see langword="false"/>: such a link ends the enumeration with a <see cref="ConnectorException"/>.</value>
    public bool AllowCrossOriginLinks { get; init; }

    /// <summary>Gets the options used when a strategy has none.</summary>
    internal static PaginationOptions Default { get; } = new();

    /// <inheritdoc/>
    public override string ToString() =>
        $"MaxPages = {MaxPages}, MaxItems = {(MaxItems is { } items ? items.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}, AllowCrossOriginLinks = {AllowCrossOriginLinks}";
}
