using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace CustomConnector;

/// <summary>HTTP Basic authentication (RFC 7617), with the user-id and password encoded as UTF-8.</summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BasicAuthenticationProvider : IAuthenticationHeaderProvider
{
    private readonly AuthenticationHeaderValue _header;

    /// <summary>Initializes a new instance of the <see cref="BasicAuthenticationProvider"/> class.</summary>
    /// <param name="username">The user-id; it must not contain a colon or control characters.</param>
    /// <param name="password">The password; it must not contain control characters.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The username is empty or contains a colon, or either value contains a control character.</exception>
    public BasicAuthenticationProvider(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (username.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("The username contains a colon, which Basic authentication (RFC 7617) cannot carry: the server would split the user-id there.", nameof(username));
        }

        if (ContainsControl(username))
        {
            throw new ArgumentException("The username contains a control character, which RFC 7617 does not allow.", nameof(username));
        }

        if (ContainsControl(password))
        {
            throw new ArgumentException("The password contains a control character, which RFC 7617 does not allow.", nameof(password));
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

    private static bool ContainsControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
