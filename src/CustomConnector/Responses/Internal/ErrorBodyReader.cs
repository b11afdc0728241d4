using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Finds the best description of an error response: the error envelope, else a problem details
/// body (<c>title</c>/<c>detail</c>), else the reason phrase. Never fails: an error stays an error
/// whatever its body looks like.
/// </summary>
internal static class ErrorBodyReader
{
    /// <summary>The text of each status code, made on first use: the fallback code of every error response of that status.</summary>
    private static readonly string?[] StatusCodeTexts = new string?[600];

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ConnectorError> ReadAsync(HttpResponseMessage response, string errorProperty, long maxBytes, CancellationToken cancellationToken)
    {
        var content = response.Content;
        if (content.Headers.ContentLength == 0 || !IsJson(content.Headers.ContentType?.MediaType))
        {
            return Fallback(response);
        }

        var limit = Math.Min(maxBytes, ConnectorDefaults.MaxErrorBodyBytes);
        if (content.Headers.ContentLength > limit)
        {
            return Fallback(response);
        }

        // The body is small and bounded: read whole into a pooled buffer (this frame is pooled too), then parse it
        // in place, rather than through JsonDocument.ParseAsync's own buffering and task per error.
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var limited = new LimitedReadStream(stream, limit);
            await using (limited.ConfigureAwait(false))
            {
                // A third more than the declared length, so that the read that finds the end does not grow the buffer.
                var expected = (int)Math.Min(content.Headers.ContentLength ?? 1024, limit);
                using var body = new PooledReadBuffer(limited, expected + (expected / 3) + 1);
                while (!body.IsFinal)
                {
                    await body.FillAsync(cancellationToken).ConfigureAwait(false);
                }

                var json = body.UnconsumedMemory;
                using var document = JsonDocument.Parse(json.Span.StartsWith(Utf8Bom.Bytes) ? json[Utf8Bom.Bytes.Length..] : json);
                return FromDocument(document.RootElement, errorProperty, response);
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException)
        {
            // An unreadable error body is still an error; the status says what happened.
            return Fallback(response);
        }
    }

    /// <summary>The error a response's status alone describes: its code, and its reason phrase as the description.</summary>
    private static ConnectorError Fallback(HttpResponseMessage response) => new(CodeOf(response), DescribeStatus(response));

    /// <summary>The status code as text, cached: the fallback is needed only for what the body leaves out, and is made only then.</summary>
    private static string CodeOf(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        return (uint)code < (uint)StatusCodeTexts.Length
            ? StatusCodeTexts[code] ??= code.ToString(CultureInfo.InvariantCulture)
            : code.ToString(CultureInfo.InvariantCulture);
    }

    private static ConnectorError FromDocument(JsonElement root, string errorProperty, HttpResponseMessage response)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fallback(response);
        }

        if (errorProperty.Length > 0 && root.TryGetProperty(errorProperty, out var error))
        {
            switch (error.ValueKind)
            {
                case JsonValueKind.Object:
                    var code = Scalar(error, "code") ?? CodeOf(response);
                    var description = Scalar(error, "description") ?? Scalar(error, "message") ?? DescribeStatus(response);
                    return new ConnectorError(code, description);
                case JsonValueKind.String:
                    // OAuth style: {"error": "invalid_client", "error_description": "..."}
                    return new ConnectorError(error.GetString()!, Scalar(root, "error_description") ?? DescribeStatus(response));
            }
        }

        // RFC 9457 problem details, or any JSON with a recognisable message.
        var detail = Scalar(root, "detail");
        var title = Scalar(root, "title");
        var problem = (title, detail) switch
        {
            (not null, not null) => $"{title}: {detail}",
            _ => detail ?? title ?? Scalar(root, "message"),
        };
        return problem is null ? Fallback(response) : new ConnectorError(CodeOf(response), problem);
    }

    private static string? Scalar(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string DescribeStatus(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase)
            ? $"The API answered {(int)response.StatusCode} {response.StatusCode} without a description."
            : response.ReasonPhrase;

    private static bool IsJson(string? mediaType) =>
        mediaType is null
        || mediaType.Equals(ConnectorDefaults.JsonMediaType, StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);
}
