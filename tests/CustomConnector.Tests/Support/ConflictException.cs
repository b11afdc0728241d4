namespace CustomConnector.Tests;

/// <summary>A user's own exception type for 409, registered through <see cref="ConnectorExceptionMap"/>.</summary>
public sealed class ConflictException(ConnectorExceptionContext context) : ConnectorException(context);
