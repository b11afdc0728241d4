using System.Net;

namespace CustomConnector.Internal;

/// <summary>The handler every client that owns its connection pool uses (the connector's and a token endpoint's): redirects are the library's job.</summary>
internal static class PrimaryHandler
{
    /// <summary>Creates the handler: no automatic redirects, pooled connections renewed, responses decompressed.</summary>
    public static SocketsHttpHandler Create() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = ConnectorDefaults.PooledConnectionLifetime,
        AutomaticDecompression = DecompressionMethods.All,
    };
}
