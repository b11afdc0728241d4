using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CustomConnector.Cli.Commands;

/// <summary>Maps what a command threw to its exit code and a kind word for <c>--output json</c>.</summary>
internal static class CallFailure
{
    public static (int ExitCode, string Kind) Classify(Exception exception) => exception switch
    {
        UsageException or OptionsValidationException => (ExitCodes.Usage, "usage"),
        ConnectorTimeoutException => (ExitCodes.Network, "timeout"),
        ConnectorResponseFormatException => (ExitCodes.ResponseFormat, "format"),
        ConnectorException { StatusCode: not null } => (ExitCodes.ErrorResult, "error"),
        ConnectorException { InnerException: HttpRequestException or SocketException or IOException } => (ExitCodes.Network, "network"),
        TokenEndpointException => (ExitCodes.Network, "network"),

        // Refused before anything was sent: the definition or the arguments are wrong.
        ConnectorException { Attempts: 0 } => (ExitCodes.Usage, "usage"),

        // A walk the server's pages broke (a loop, a foreign next link, more pages than allowed).
        ConnectorException => (ExitCodes.ResponseFormat, "format"),
        HttpRequestException or SocketException => (ExitCodes.Network, "network"),
        ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException => (ExitCodes.Usage, "usage"),
        _ => (ExitCodes.Unexpected, "unexpected"),
    };
}
