namespace CustomConnector.IntegrationTests;

/// <summary>How <see cref="RawSocketServer"/> ends a request.</summary>
public enum RawReplyKind
{
    /// <summary>Send the canned response and keep the connection.</summary>
    Respond,

    /// <summary>Reset the connection (RST) without answering.</summary>
    Reset,

    /// <summary>Close the connection (FIN) without answering.</summary>
    Close,
}
