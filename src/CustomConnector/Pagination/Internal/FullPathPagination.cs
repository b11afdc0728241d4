namespace CustomConnector.Internal;

/// <summary>Follows an absolute link to the next page held in the body.</summary>
internal sealed class FullPathPagination(string nextPath, PageSize pageSize, PaginationOptions? options) : IPaginationStrategy
{
    private static readonly HashSet<string> SensitiveQueryParameters = new(ConnectorDefaults.SensitiveQueryParameters, StringComparer.OrdinalIgnoreCase);

    public PaginationOptions? Options => options;

    public PageRequest? GetFirstRequest(IConnectorEndpoint endpoint) => pageSize.FirstRequest();

    public PageRequest? GetNextRequest(ConnectorPage page)
    {
        if (pageSize.IsShort(page) || page.GetString(nextPath) is not { } next || string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        if (!UriJoiner.IsAbsoluteHttp(next.Trim()) || !Uri.TryCreate(next.Trim(), UriKind.Absolute, out _))
        {
            var shown = UriRedactor.Redact(UriRedactor.WithoutUserInfo(next), SensitiveQueryParameters);
            throw new ConnectorResponseFormatException(
                $"Page {page.PageNumber} of {UriRedactor.Redact(page.RequestUri, SensitiveQueryParameters)} has '{shown}' at '{nextPath}', which is not an absolute http(s) URI. Use Pagination.RelativePath for APIs that send relative links.");
        }

        return pageSize.Apply(PageRequest.FromLink(next));
    }

    public override string ToString() => $"FullPath({nextPath}{pageSize})";
}
