namespace CustomConnector.Internal;

/// <summary>
/// What a reader's product says about the response it was read from: empty, data or error. The call
/// runner copies it onto the call (<see cref="ConnectorCall.ResultKind"/>) for the telemetry stage, so
/// no stage calls back up to report it.
/// </summary>
internal interface IResultKindSource
{
    /// <summary>Gets what the response held.</summary>
    ConnectorResultKind Kind { get; }
}
