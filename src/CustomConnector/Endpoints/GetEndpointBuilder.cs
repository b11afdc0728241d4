namespace CustomConnector;

/// <summary>Builds a GET endpoint. A GET request has no body, so this builder has no body methods.</summary>
public sealed class GetEndpointBuilder : ConnectorEndpointBuilder<GetEndpointBuilder>
{
    internal GetEndpointBuilder(string uri)
        : base(HttpMethod.Get, uri)
    {
    }
}
