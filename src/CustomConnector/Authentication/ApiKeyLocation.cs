namespace CustomConnector;

/// <summary>Where an API key travels.</summary>
public enum ApiKeyLocation
{
    /// <summary>In a request header, such as <c>X-Api-Key</c>.</summary>
    Header,

    /// <summary>In a query parameter, such as <c>?api_key=...</c>.</summary>
    Query,
}
