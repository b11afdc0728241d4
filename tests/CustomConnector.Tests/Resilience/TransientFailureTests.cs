using System.Net.Sockets;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Resilience;

/// <summary>
/// Which <see cref="HttpRequestException"/>s are worth another attempt. The shapes are those
/// SocketsHttpHandler produces on .NET 10, observed against a raw socket server.
/// </summary>
public sealed class TransientFailureTests
{
    public static TheoryData<string, bool> Failures => new()
    {
        // The network or the server.
        { "connection refused", true },
        { "name resolution", true },
        { "TLS handshake cut short (I/O inside)", true },
        { "HTTP/2 protocol error", true },
        { "response ended (connection closed or reset)", true },
        { "invalid status line", true },
        { "proxy tunnel", true },
        { "reset while writing the body (Unknown, socket inside)", true },
        { "Unknown wrapping HttpIOException", true },

        // The request itself, or settings the next attempt meets again.
        { "non-ASCII header (Unknown, no cause)", false },
        { "content throws InvalidOperationException", false },
        { "content throws FormatException inside", false },
        { "certificate refused (AuthenticationException inside)", false },
        { "version negotiation", false },
        { "proxy authentication", false },
        { "response headers over the limit", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsTransient_FailureAsSocketsHttpHandlerReportsIt_TellsTheNetworkFromTheRequest(string failure, bool expected)
    {
        Assert.Equal(expected, TransientFailure.IsTransient(Create(failure)));
    }

    private static HttpRequestException Create(string failure) => failure switch
    {
        "connection refused" => new(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused)),
        "name resolution" => new(HttpRequestError.NameResolutionError, "Name or service not known (nonexistent.invalid:80)", new SocketException((int)SocketError.HostNotFound)),
        "TLS handshake cut short (I/O inside)" => new(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.", new IOException("Received an unexpected EOF or 0 bytes from the transport stream.")),
        "certificate refused (AuthenticationException inside)" => new(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid according to the validation procedure.")),
        "HTTP/2 protocol error" => new(HttpRequestError.HttpProtocolError, "The HTTP/2 server sent invalid data on the connection."),
        "response ended (connection closed or reset)" => new(HttpRequestError.ResponseEnded, "An error occurred while sending the request.", new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.")),
        "invalid status line" => new(HttpRequestError.InvalidResponse, "Received an invalid status line: 'NOTHTTP garbage'."),
        "proxy tunnel" => new(HttpRequestError.ProxyTunnelError, "The proxy tunnel request to proxy failed with status code 502."),
        "reset while writing the body (Unknown, socket inside)" => new("Error while copying content to a stream.", new IOException("Unable to write data to the transport connection.", new SocketException((int)SocketError.ConnectionReset))),
        "Unknown wrapping HttpIOException" => new("An error occurred while sending the request.", new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.")),
        "non-ASCII header (Unknown, no cause)" => new("Request headers must contain only ASCII characters."),
        "content throws InvalidOperationException" => new("An error occurred while sending the request.", new InvalidOperationException("The stream was already consumed.")),
        "content throws FormatException inside" => new("An error occurred while sending the request.", new InvalidOperationException("Cannot serialize.", new FormatException("Bad format."))),
        "version negotiation" => new(HttpRequestError.VersionNegotiationError, "Requesting HTTP version 3.0 with version policy RequestVersionExact while unable to establish HTTP/3 connection."),
        "proxy authentication" => new(HttpRequestError.UserAuthenticationError, "The proxy refused the credentials."),
        "response headers over the limit" => new(HttpRequestError.ConfigurationLimitExceeded, "The HTTP response headers length exceeded the set limit of 65536 bytes."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Unknown failure."),
    };
}
