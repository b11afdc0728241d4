namespace CustomConnector.IntegrationTests;

/// <summary>What the load test's server does with one attempt of one call.</summary>
public enum LoadFault
{
    /// <summary>Answers 200 with the call's data.</summary>
    None,

    /// <summary>Answers 503 with no body.</summary>
    Unavailable,

    /// <summary>Aborts the connection without a response (<see cref="Microsoft.AspNetCore.Http.HttpContext.Abort"/>).</summary>
    Reset,

    /// <summary>Sends the headers and half the body, then aborts the connection: a reset while the client reads.</summary>
    Cut,
}
