namespace CustomConnector;

/// <summary>What a connector response turned out to be.</summary>
public enum ConnectorResultKind
{
    /// <summary>No payload: 204, 205, a 2xx with no body, or <c>{"data": null}</c>.</summary>
    Empty,

    /// <summary>A payload: a 2xx with <c>{"data": ...}</c>.</summary>
    Data,

    /// <summary>An error: an error status (with or without the error envelope), or a 2xx with <c>{"error": ...}</c>.</summary>
    Error,
}
