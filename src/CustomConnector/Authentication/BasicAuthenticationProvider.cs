using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>HTTP Basic authentication (RFC 7617), with the user-id and password encoded as UTF-8.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BasicAuthenticationProvider : IAuthenticationHeaderProvider
{
    /// <inheritdoc/>
    IReadOnlyList<string> IAuthenticationHeaderProvider.CredentialHeaderNames => CredentialRules.AuthorizationHeader;

    private readonly AuthenticationHeaderValue _header;

    /// <summary>Initializes a new instance of the <see cref="BasicAuthenticationProvider"/> class.</summary>
    /// <param name="username">The user-id; it must not contain a colon, control characters or unpaired surrogates.</param>
    /// <param name="password">The password; it must not contain control characters or unpaired surrogates.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The username is empty or contains a colon, or either value contains a control character or an unpaired surrogate.</exception>
    public BasicAuthenticationProvider(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (CredentialRules.BasicUsernameProblem(username) is { } usernameProblem)
        {
            throw new ArgumentException($"The username {usernameProblem}", nameof(username));
        }

        if (CredentialRules.BasicPasswordProblem(password) is { } passwordProblem)
        {
            throw new ArgumentException($"The password {passwordProblem}", nameof(password));
        }

        Username = username;
        _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    /// <summary>Gets the user-id.</summary>
    public string Username { get; }

    /// <inheritdoc/>
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return ValueTask.CompletedTask;
    }

    /// <summary>Describes the provider without the password.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() => $"Basic authentication (user '{Username}', password hidden)";
}
