namespace CustomConnector.Tests;

/// <summary>What a request looked like when it reached the mock handler, read before the client disposed it.</summary>
internal sealed class CapturedRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>Gets the request headers (not the content headers), each joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? ContentType { get; init; }

    public byte[]? Body { get; init; }

    public string? BodyText => Body is null ? null : System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        return new CapturedRequest
        {
            Method = request.Method,
            Uri = request.RequestUri!,
            Headers = headers,
            ContentType = request.Content?.Headers.ContentType?.ToString(),
            Body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(),
        };
    }
}
