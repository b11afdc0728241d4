namespace CustomConnector.Internal;

/// <summary>One request: the endpoint's response is the only page.</summary>
internal sealed class NoPagination(PaginationOptions? options) : IPaginationStrategy
{
    public static NoPagination Instance { get; } = new(null);

    public PaginationOptions? Options => options;

    public PageRequest? GetNextRequest(ConnectorPage page) => null;

    public override string ToString() => "None";
}
