namespace CustomConnector.Internal;

/// <summary>
/// The UTF-8 byte order mark: System.Text.Json's stream readers skip it before a body's JSON, so the library's
/// own readers over raw bytes (error bodies, streamed data arrays) skip it too.
/// </summary>
internal static class Utf8Bom
{
    public static ReadOnlySpan<byte> Bytes => [0xEF, 0xBB, 0xBF];
}
