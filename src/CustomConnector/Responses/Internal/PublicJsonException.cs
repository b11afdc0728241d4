using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Keeps the library's internal types out of the exceptions callers see: System.Text.Json names the
/// type it was reading, which for a response is the library's envelope around the caller's payload.
/// </summary>
internal static class PublicJsonException
{
    private const string InternalNamespace = "CustomConnector.Internal.";

    /// <summary>
    /// What a format exception may carry as its inner exception: a <see cref="JsonException"/> that names
    /// only public types (rewritten to name <paramref name="payloadType"/> and the JSON path when it named
    /// an internal one), or <see langword="null"/> for the library's own internal exceptions, whose message
    /// the format exception already says.
    /// </summary>
    public static JsonException? From(Exception exception, Type payloadType)
    {
        if (exception is not JsonException json)
        {
            return null;
        }

        if (!json.Message.Contains(InternalNamespace, StringComparison.Ordinal))
        {
            return json;
        }

        var message = $"The JSON value could not be converted to {payloadType.Name} or its response envelope. Path: {json.Path ?? "$"} | LineNumber: {json.LineNumber ?? 0} | BytePositionInLine: {json.BytePositionInLine ?? 0}.";

        // The original's inner exception is System.Text.Json's or a converter's, never one of ours.
        return new JsonException(message, json.Path, json.LineNumber, json.BytePositionInLine, json.InnerException);
    }

    /// <summary>The message to quote in a format exception's own message.</summary>
    public static string Message(Exception exception, Type payloadType) => From(exception, payloadType)?.Message ?? exception.Message;
}
