using System.Text.Json.Serialization;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// The payload type of a call whose answer carries no data, such as a DELETE that answers 204: what
/// <see cref="IConnectorClient.SendAsync(IConnectorEndpoint, CancellationToken)"/> returns a
/// <see cref="ConnectorResult{T}"/> of. There are no instances: such a result is
/// <see cref="ConnectorResultKind.Empty"/> for any 2xx, or <see cref="ConnectorResultKind.Error"/>.
/// </summary>
/// <example>
/// <code>
/// var result = await client.SendAsync(ConnectorEndpoint.Delete("wings/{id}").WithPathParameter("id", 7).Build());
/// result.EnsureSuccess(); // throws NotFoundException for a 404, and so on
/// </code>
/// </example>
[JsonConverter(typeof(NoDataConverter))]
public sealed class ConnectorNoData
{
    private ConnectorNoData()
    {
    }
}
