using System.Diagnostics;
using System.Net.Http.Headers;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>Bearer token authentication (RFC 6750): a fixed token, or one produced per request.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BearerTokenProvider : IAuthenticationHeaderProvider
{
    /// <inheritdoc/>
    IReadOnlyList<string> IAuthenticationHeaderProvider.CredentialHeaderNames => CredentialRules.AuthorizationHeader;

    private readonly AuthenticationHeaderValue? _header;
    private readonly Func<CancellationToken, ValueTask<string>>? _tokenFactory;

    /// <summary>Initializes a new instance of the <see cref="BearerTokenProvider"/> class with a fixed token.</summary>
    /// <param name="token">The token.</param>
    /// <exception cref="ArgumentException">The token is null, empty, starts with <c>Bearer </c>, or contains whitespace, control or non-ASCII characters.</exception>
    public BearerTokenProvider(string token)
    {
        Validate(token, nameof(token));
        _header = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Initializes a new instance of the <see cref="BearerTokenProvider"/> class that asks <paramref name="tokenFactory"/> for a token on every request.</summary>
    /// <param name="tokenFactory">Produces the token; called for every attempt, so it should cache what is costly to get.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokenFactory"/> is null.</exception>
    public BearerTokenProvider(Func<CancellationToken, ValueTask<string>> tokenFactory)
    {
        ArgumentNullException.ThrowIfNull(tokenFactory);
        _tokenFactory = tokenFactory;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The token factory returned an empty token, or one with the scheme, whitespace, control or non-ASCII characters.</exception>
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_header is not null)
        {
            request.Headers.Authorization = _header;
            return;
        }

        var token = await _tokenFactory!(cancellationToken).ConfigureAwait(false);
        if (CredentialRules.BearerTokenProblem(token) is { } problem)
        {
            // Refused here rather than by HttpClient, whose failure would look like a network fault worth retrying.
            throw new InvalidOperationException($"The token that the bearer token factory returned {problem}");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Describes the provider without the token.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        _header is not null ? "Bearer token (fixed, hidden)" : "Bearer token (from a factory, hidden)";

    private static void Validate(string token, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(token, paramName);
        if (CredentialRules.BearerTokenProblem(token) is { } problem)
        {
            throw new ArgumentException($"The bearer token {problem}", paramName);
        }
    }
}
