using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>Issues random access tokens and remembers when each expires.</summary>
internal sealed class TokenIssuer
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private int _issuedCount;

    public int IssuedCount => Volatile.Read(ref _issuedCount);

    public string Issue(TimeSpan lifetime)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = DateTimeOffset.UtcNow + lifetime;
        Interlocked.Increment(ref _issuedCount);
        return token;
    }

    public bool IsValid(string token) =>
        _tokens.TryGetValue(token, out var expires) && DateTimeOffset.UtcNow < expires;

    public void RevokeAll() => _tokens.Clear();
}
