namespace CustomConnector.IntegrationTests;

/// <summary>The ways <see cref="PagedWingsApi"/> can page its records, one per built-in strategy (two with a total).</summary>
public enum PagingStyle
{
    RelativePath,
    FullPath,
    PageNumber,
    PageNumberWithTotal,
    Offset,
    OffsetWithTotal,
    Cursor,
    LinkHeader,
}
