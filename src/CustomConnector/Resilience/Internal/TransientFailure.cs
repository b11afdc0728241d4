using System.Net.Sockets;

namespace CustomConnector.Internal;

/// <summary>
/// Tells a transport failure worth another attempt from one the request itself caused, which would
/// fail the same way every time (and, counted as a service failure, could open the circuit).
/// </summary>
internal static class TransientFailure
{
    /// <summary>
    /// True when <paramref name="exception"/> comes from the network or the server: the connection,
    /// name resolution, a TLS handshake cut short, a response that broke off or was malformed, or an I/O failure underneath.
    /// False when nothing points at the transport: SocketsHttpHandler reports a request it cannot
    /// write (a non-ASCII header value, content that throws, an unsupported version) as
    /// <see cref="HttpRequestError.Unknown"/> with no I/O cause, and resending it cannot help.
    /// </summary>
    /// <remarks>
    /// A custom handler that signals a network fault should say so with
    /// <see cref="HttpRequestException(HttpRequestError, string?, Exception?, System.Net.HttpStatusCode?)"/>
    /// (for example <see cref="HttpRequestError.ConnectionError"/>) or an <see cref="IOException"/> cause.
    /// </remarks>
    public static bool IsTransient(HttpRequestException exception) => IsTransient(exception.HttpRequestError, exception.InnerException);

    private static bool IsTransient(HttpRequestError error, Exception? cause) => error switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.HttpProtocolError or HttpRequestError.ResponseEnded or HttpRequestError.ProxyTunnelError
            or HttpRequestError.InvalidResponse => true,
        HttpRequestError.Unknown => HasTransportCause(cause),

        // A TLS handshake the connection broke off (an I/O cause) may pass; a certificate refused
        // (an AuthenticationException) is refused again.
        HttpRequestError.SecureConnectionError => HasTransportCause(cause),

        // VersionNegotiationError, UserAuthenticationError, ConfigurationLimitExceeded, ExtendedConnectNotSupported:
        // settings or limits that the next attempt meets again.
        _ => false,
    };

    private static bool HasTransportCause(Exception? cause)
    {
        for (var depth = 0; cause is not null && depth < 8; depth++, cause = cause.InnerException)
        {
            switch (cause)
            {
                case HttpIOException io:
                    return io.HttpRequestError == HttpRequestError.Unknown || IsTransient(io.HttpRequestError, io.InnerException);
                case IOException or SocketException:
                    return true;
                case HttpRequestException inner:
                    return IsTransient(inner.HttpRequestError, inner.InnerException);
            }
        }

        return false;
    }
}
