using System.Collections.Concurrent;

namespace CustomConnector.Cli.Definitions;

/// <summary>What went over the wire during one command: the API requests and their responses, and the OAuth access tokens seen (so they can be masked).</summary>
internal sealed class RequestRecorder(string apiClientName, bool preview)
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);

    public string ApiClientName { get; } = apiClientName;

    /// <summary>Gets a value indicating whether requests are answered locally instead of sent.</summary>
    public bool Preview { get; } = preview;

    /// <summary>Gets the API requests (hops, attempts and pages) in the order they were sent.</summary>
    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges];

    /// <summary>Gets the access tokens that the token endpoint handed out.</summary>
    public IEnumerable<string> Tokens => _tokens.Keys;

    /// <summary>Gets the number of token requests made (none are sent in preview).</summary>
    public int TokenRequests { get; private set; }

    public void Add(RecordedExchange exchange) => _exchanges.Enqueue(exchange);

    public void AddToken(string token)
    {
        TokenRequests++;
        _tokens.TryAdd(token, true);
    }
}
