namespace CustomConnector.Samples.Quickstart;

/// <summary>A custom exception for 409 Conflict, shown in docs/results-and-errors.md as registered through the exception map.</summary>
public sealed class WingConflictException(ConnectorExceptionContext context) : ConnectorException(context);
