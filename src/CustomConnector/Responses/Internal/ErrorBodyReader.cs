using System.Globalization;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Finds the best description of an error response: the error envelope, else a problem details
/// body (<c>title</c>/<c>detail</c>), else the reason phrase. Never fails: an error stays an error
/// whatever its body looks like.
/// </summary>
internal static class ErrorBodyReader
{
    public static async Task<ConnectorError> ReadAsync(HttpResponseMessage response, string errorProperty, long maxBytes, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var fallback = new ConnectorError(((int)status).ToString(CultureInfo.InvariantCulture), DescribeStatus(response));
        var content = response.Content;
        if (content.Headers.ContentLength == 0 || !IsJson(content.Headers.ContentType?.MediaType))
        {
            return fallback;
        }

        var limit = Math.Min(maxBytes, ConnectorDefaults.MaxErrorBodyBytes);
        if (content.Headers.ContentLength > limit)
        {
            return fallback;
        }

        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var limited = new LimitedReadStream(stream, limit);
            await using (limited.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(limited, default, cancellationToken).ConfigureAwait(false);
                return FromDocument(document.RootElement, errorProperty, fallback);
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException)
        {
            // An unreadable error body is still an error; the status says what happened.
            return fallback;
        }
    }

    internal static ConnectorError FromDocument(JsonElement root, string errorProperty, ConnectorError fallback)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return fallback;
        }

        if (errorProperty.Length > 0 && root.TryGetProperty(errorProperty, out var error))
        {
            switch (error.ValueKind)
            {
                case JsonValueKind.Object:
                    var code = Scalar(error, "code") ?? fallback.Code;
                    var description = Scalar(error, "description") ?? Scalar(error, "message") ?? fallback.Description;
                    return new ConnectorError(code, description);
                case JsonValueKind.String:
                    // OAuth style: {"error": "invalid_client", "error_description": "..."}
                    return new ConnectorError(error.GetString()!, Scalar(root, "error_description") ?? fallback.Description);
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
        return problem is null ? fallback : new ConnectorError(fallback.Code, problem);
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
