using System.Text.Json;

namespace CustomConnector.Cli.Definitions;

/// <summary>
/// Sits just above the primary handler of every client of the connector: records each API request with its
/// response's status and headers, and notes the access tokens that the token endpoint hands out so they can be masked.
/// </summary>
internal sealed class RecordingHandler(RequestRecorder recorder, bool isApi) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!isApi)
        {
            var tokenResponse = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await NoteTokenAsync(tokenResponse, cancellationToken).ConfigureAwait(false);
            return tokenResponse;
        }

        string? body = null;
        if (recorder.Preview && request.Content is not null)
        {
            // Buffered once; the buffered copy is what goes to the primary handler.
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var exchange = new RecordedExchange
        {
            Method = request.Method,
            Uri = request.RequestUri!,
            RequestHeaders = RecordedExchange.Flatten(request.Headers, request.Content?.Headers),
            RequestBody = body,
        };
        recorder.Add(exchange);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        exchange.StatusCode = response.StatusCode;
        exchange.ReasonPhrase = response.ReasonPhrase;
        exchange.ResponseHeaders = RecordedExchange.Flatten(response.Headers, response.Content.Headers);
        return response;
    }

    private async Task NoteTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        // Token responses are small; buffering lets the provider read the same body afterwards.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("access_token", out var token)
                && token.ValueKind == JsonValueKind.String
                && token.GetString() is { Length: > 0 } value)
            {
                recorder.AddToken(value);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the provider reports it; there is no token to mask.
        }
    }
}
