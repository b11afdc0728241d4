using System.Text;

namespace CustomConnector.Cli.Definitions;

/// <summary>
/// Masks secrets in everything the tool prints, by the library's own rules plus the secrets' values:
/// headers named like credentials and the ones the connector's authentication owns, the query parameters of
/// <see cref="ConnectorClientOptions.SensitiveQueryParameters"/> and a query API key, and any text holding a
/// configured secret or an access token the token endpoint handed out.
/// </summary>
internal sealed class SecretMasker
{
    /// <summary>What a secret is shown as: the library's own word for it.</summary>
    public const string Redacted = "REDACTED";

    private static readonly string[] CredentialHeaderParts = ["auth", "token", "secret", "key", "password", "passwd", "signature", "cookie", "session", "credential"];
    private static readonly HashSet<string> HarmlessHeaders = new(StringComparer.OrdinalIgnoreCase) { "Idempotency-Key", "Keep-Alive", "Sec-WebSocket-Key" };

    private readonly HashSet<string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _queryNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _values = [];
    private readonly RequestRecorder? _recorder;

    private SecretMasker(RequestRecorder? recorder) => _recorder = recorder;

    public static SecretMasker Create(ConnectorClientOptions options, RequestRecorder? recorder)
    {
        ArgumentNullException.ThrowIfNull(options);
        var masker = new SecretMasker(recorder);
        masker._queryNames.UnionWith(options.SensitiveQueryParameters);
        var authentication = options.AuthenticationSettings;
        if (options.Authentication is { } provider)
        {
            masker._headers.UnionWith(provider.CredentialHeaderNames);
            masker._queryNames.UnionWith(provider.CredentialQueryParameterNames);
        }

        if (authentication.Type == ConnectorAuthenticationType.ApiKey && !string.IsNullOrEmpty(authentication.ApiKeyName))
        {
            (authentication.ApiKeyLocation == ApiKeyLocation.Query ? masker._queryNames : masker._headers).Add(authentication.ApiKeyName);
        }

        masker._headers.Add("Authorization");
        masker._headers.Add("Proxy-Authorization");
        masker.AddSecret(authentication.Password);
        masker.AddSecret(authentication.Token);
        masker.AddSecret(authentication.ApiKeyValue);
        masker.AddSecret(authentication.OAuth2.ClientSecret);
        if (!string.IsNullOrEmpty(authentication.Username) && !string.IsNullOrEmpty(authentication.Password))
        {
            masker.AddSecret(Convert.ToBase64String(Encoding.UTF8.GetBytes(authentication.Username + ":" + authentication.Password)));
        }

        return masker;
    }

    /// <summary>Adds a secret value (and its URL-encoded form) to mask wherever it appears.</summary>
    public void AddSecret(string? value)
    {
        if (string.IsNullOrEmpty(value) || _values.Contains(value))
        {
            return;
        }

        _values.Add(value);
        var escaped = Uri.EscapeDataString(value);
        if (!string.Equals(escaped, value, StringComparison.Ordinal))
        {
            _values.Add(escaped);
        }

        // Longest first, so that a secret holding another is masked whole.
        _values.Sort(static (a, b) => b.Length.CompareTo(a.Length));
    }

    /// <summary>Tells whether a header's value is a credential by its name.</summary>
    public bool IsSensitiveHeader(string name)
    {
        if (_headers.Contains(name))
        {
            return true;
        }

        if (HarmlessHeaders.Contains(name))
        {
            return false;
        }

        foreach (var part in CredentialHeaderParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the header's value to print: <c>REDACTED</c> for a credential (keeping an <c>Authorization</c> scheme), else the value with any secret masked.</summary>
    public string MaskHeader(string name, string value)
    {
        if (!IsSensitiveHeader(name))
        {
            return MaskText(value);
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0 && !value[..space].Contains('=', StringComparison.Ordinal)
            ? value[..space] + " " + Redacted
            : Redacted;
    }

    /// <summary>Returns the URI to print: user info dropped, sensitive query values replaced, any secret masked.</summary>
    public string MaskUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            return MaskText(uri.OriginalString);
        }

        var builder = new StringBuilder(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        var query = uri.Query;
        if (query.Length > 1)
        {
            builder.Append('?');
            var first = true;
            foreach (var pair in query[1..].Split('&'))
            {
                if (!first)
                {
                    builder.Append('&');
                }

                first = false;
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                if (equals >= 0 && _queryNames.Contains(Uri.UnescapeDataString(name.Replace('+', ' '))))
                {
                    builder.Append(name).Append('=').Append(Redacted);
                }
                else
                {
                    builder.Append(pair);
                }
            }
        }

        return MaskText(builder.ToString());
    }

    /// <summary>Masks every known secret value in <paramref name="text"/>.</summary>
    public string MaskText(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (_recorder is not null)
        {
            foreach (var token in _recorder.Tokens)
            {
                AddSecret(token);
            }
        }

        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
