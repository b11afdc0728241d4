using System.Net;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Creates <see cref="ConnectorResult{T}"/> values, for tests and for your own implementations of <see cref="IConnectorClient"/>.</summary>
public static class ConnectorResult
{
    /// <summary>Creates an empty result.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="statusCode">The status, such as <see cref="HttpStatusCode.NoContent"/>.</param>
    /// <returns>The result.</returns>
    public static ConnectorResult<T> Empty<T>(HttpStatusCode statusCode = HttpStatusCode.NoContent) =>
        new(ConnectorResultKind.Empty, statusCode, default, null, null, ResponseOrigin.None);

    /// <summary>Creates a data result.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="data">The payload.</param>
    /// <param name="statusCode">The status, such as <see cref="HttpStatusCode.OK"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null (use <see cref="Empty{T}"/>).</exception>
    public static ConnectorResult<T> FromData<T>(T data, HttpStatusCode statusCode = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(ConnectorResultKind.Data, statusCode, data, null, null, ResponseOrigin.None);
    }

    /// <summary>Creates an error result.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="statusCode">The error status.</param>
    /// <param name="error">The error.</param>
    /// <param name="retryAfter">How long the server asked to wait, if it did.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static ConnectorResult<T> FromError<T>(HttpStatusCode statusCode, ConnectorError error, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(ConnectorResultKind.Error, statusCode, default, error, retryAfter, ResponseOrigin.None);
    }
}
