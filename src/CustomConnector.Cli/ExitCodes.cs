namespace CustomConnector.Cli;

/// <summary>The tool's exit codes: distinct per outcome, so that scripts can branch on them.</summary>
internal static class ExitCodes
{
    /// <summary>The call returned data or an empty result; validation and import succeeded.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure inside the tool.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments, or a definition that does not load or validate.</summary>
    public const int Usage = 2;

    /// <summary>The API answered with an error result (4xx/5xx).</summary>
    public const int ErrorResult = 3;

    /// <summary>The call timed out, or the network failed.</summary>
    public const int Network = 4;

    /// <summary>The response broke the envelope convention (invalid JSON, a 2xx without envelope).</summary>
    public const int ResponseFormat = 5;
}
