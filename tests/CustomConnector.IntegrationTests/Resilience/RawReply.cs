namespace CustomConnector.IntegrationTests;

/// <summary>What <see cref="RawSocketServer"/> does with one request.</summary>
public sealed record RawReply(RawReplyKind Kind, int Status = 200, string Body = "")
{
    public static RawReply Reset { get; } = new(RawReplyKind.Reset);

    public static RawReply Close { get; } = new(RawReplyKind.Close);

    public static RawReply Json(int status, string body) => new(RawReplyKind.Respond, status, body);
}
