using System.Net;

namespace CustomConnector.Cli.Definitions;

/// <summary>One API request as it left the client, and the status and headers of its response (raw: mask before printing).</summary>
internal sealed class RecordedExchange
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; }

    public string? RequestBody { get; init; }

    public HttpStatusCode? StatusCode { get; set; }

    public string? ReasonPhrase { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; set; } = [];

    public static List<KeyValuePair<string, string>> Flatten(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? contentHeaders)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                list.Add(new(header.Key, value));
            }
        }

        if (contentHeaders is not null)
        {
            foreach (var header in contentHeaders.NonValidated)
            {
                foreach (var value in header.Value)
                {
                    list.Add(new(header.Key, value));
                }
            }
        }

        return list;
    }
}
