namespace CustomConnector.Internal;

/// <summary>
/// The one set of rules for <see cref="ConnectorClientOptions"/>, whether they come from code or from
/// configuration: every problem is collected, each named by its path (<c>Connectors:Wings:Timeout</c> when
/// bound from configuration, <c>Timeout</c> or <c>Resilience:MaxRetries</c> for a client made in code).
/// <see cref="ConnectorSettings"/> throws them as one <see cref="ArgumentException"/>; dependency injection
/// reports them at startup.
/// </summary>
internal static class ConnectorClientOptionsValidator
{
    /// <summary>Checks <paramref name="options"/> and returns every problem, one line each; empty when they are valid.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="context">Where they come from.</param>
    public static List<string> Validate(ConnectorClientOptions options, in ConnectorValidationContext context)
    {
        var errors = new List<string>(options.BindingErrors);
        var prefix = context.Prefix;
        var sendsCredentials = options.Authentication is not null
            || context.HasProviderFromServices
            || (options.AuthenticationSettings.Type != ConnectorAuthenticationType.None)
            || PlainHttpRule.AnyCredentialHeader(options.DefaultHeaders.Keys);
        ValidateBaseAddress(options, context, sendsCredentials, errors);

        if ((options.Timeout <= TimeSpan.Zero || options.Timeout > ConnectorDefaults.MaxTimeout) && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            // Past MaxTimeout every call would fail with an ArgumentOutOfRangeException about a "delay".
            errors.Add(options.Timeout <= TimeSpan.Zero
                ? $"{Path(prefix, "Timeout")} is {options.Timeout}; it must be positive, or Timeout.InfiniteTimeSpan for none."
                : $"{Path(prefix, "Timeout")} is {options.Timeout}; the longest supported is {ConnectorDefaults.MaxTimeout} (about 49 days), or Timeout.InfiniteTimeSpan for none.");
        }

        if (options.MaxResponseContentBytes <= 0)
        {
            errors.Add($"{Path(prefix, "MaxResponseContentBytes")} is {options.MaxResponseContentBytes}; it must be positive.");
        }

        if (options.MaxRedirects < 0)
        {
            errors.Add($"{Path(prefix, "MaxRedirects")} is {options.MaxRedirects}; it must be zero or more.");
        }

        foreach (var (header, value) in options.DefaultHeaders)
        {
            try
            {
                HttpHeaderRules.ValidateName(header, nameof(options));
                HttpHeaderRules.ValidateValue(header, value ?? string.Empty, nameof(options));
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{Path(prefix, "DefaultHeaders")}:{header} is invalid: {FirstSentence(exception.Message)}");
            }
        }

        ValidateTrustedOrigins(options, prefix, errors);
        ConnectorResilienceValidator.Validate(options.Resilience, Path(prefix, "Resilience"), errors);
        ValidateAuthentication(options, context, errors);
        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            EndpointCatalog.Validate(endpointName, endpoint, $"{Path(prefix, "Endpoints")}:{endpointName}", errors);
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, one per line.</summary>
    public static void ThrowIfInvalid(ConnectorClientOptions options, in ConnectorValidationContext context, string paramName)
    {
        var errors = Validate(options, context);
        if (errors.Count > 0)
        {
            throw new ArgumentException(FormatProblems(errors, $"{nameof(ConnectorClientOptions)} has {errors.Count} problems:"), paramName);
        }
    }

    /// <summary>
    /// One problem as is; several as one per line, indented under <paramref name="header"/>, so that none is
    /// lost at the end of a long line. The problems already name their keys, so the header only counts them.
    /// </summary>
    internal static string FormatProblems(IReadOnlyList<string> problems, string header) =>
        problems.Count == 1 ? problems[0] : $"{header}{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}";

    internal static string Path(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}:{key}";

    private static void ValidateBaseAddress(ConnectorClientOptions options, in ConnectorValidationContext context, bool sendsCredentials, List<string> errors)
    {
        var path = Path(context.Prefix, "BaseAddress");
        if ((options.BaseAddress ?? context.FallbackBaseAddress) is not { } baseAddress)
        {
            if (context.BaseAddressRequired && !options.BindingErrors.Exists(e => e.StartsWith($"{path} ", StringComparison.Ordinal)))
            {
                errors.Add($"{path} is required: the absolute http(s) URI of the API, such as https://api.example.com/v1/.");
            }

            return;
        }

        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{path} is '{Redaction(options).Redact(baseAddress).OriginalString}', which is not an absolute http or https URI such as https://api.example.com/v1/.");
            return;
        }

        if (baseAddress.Query.Length > 0 || baseAddress.Fragment.Length > 0)
        {
            errors.Add($"{path} '{Redaction(options).Redact(baseAddress).GetLeftPart(UriPartial.Path)}' must not have a query or fragment; put query parameters on the endpoints.");
        }

        if (baseAddress.UserInfo.Length > 0)
        {
            errors.Add($"{path} must not carry user-info (user:password@); put credentials under Authentication.");
        }

        if (sendsCredentials && !options.AllowInsecureHttp && PlainHttpRule.IsInsecure(baseAddress))
        {
            errors.Add($"{path} uses plain http to '{baseAddress.Host}' ({PlainHttpRule.Origin(baseAddress)}), a host that is not loopback, and the connector sends credentials (Authentication or a credential-like default header), which would cross the network in clear text. Use https, or set {Path(context.Prefix, "AllowInsecureHttp")} to true on a closed test network.");
        }
    }

    private static void ValidateTrustedOrigins(ConnectorClientOptions options, string prefix, List<string> errors)
    {
        var path = Path(prefix, "TrustedOrigins");
        foreach (var origin in options.TrustedOrigins)
        {
            if (origin is null || !origin.IsAbsoluteUri || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{path} holds an entry that is not an absolute http(s) URI; each must be one, such as https://auth.example.com.");
            }
            else if (!options.AllowInsecureHttp && PlainHttpRule.IsInsecure(origin))
            {
                // A trusted origin exists to receive credentials.
                errors.Add($"{path} holds {PlainHttpRule.Origin(origin)}, plain http to a host that is not loopback, which would receive credentials in clear text. Use https, or set {Path(prefix, "AllowInsecureHttp")} to true on a closed test network.");
            }
        }
    }

    private static void ValidateAuthentication(ConnectorClientOptions options, in ConnectorValidationContext context, List<string> errors)
    {
        var authentication = options.AuthenticationSettings;
        var type = authentication.Type;
        var path = Path(context.Prefix, "Authentication");
        if (context.HasProviderFromServices)
        {
            // AddAuthenticationProvider<T>() or a token factory replaces whatever the settings say.
            return;
        }

        if (options.Authentication is not null && type != ConnectorAuthenticationType.None)
        {
            errors.Add($"{path} is set twice: a provider ({options.Authentication.GetType().Name}) and settings of Type {type}. Keep one; the other would be ignored.");
            return;
        }

        void Require(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{path}:{field} is required when Type is {type}.");
            }
        }

        void Check(string? problem, string field)
        {
            if (problem is not null)
            {
                errors.Add($"{path}:{field} {problem}");
            }
        }

        switch (type)
        {
            case ConnectorAuthenticationType.None:
                break;
            case ConnectorAuthenticationType.Basic:
                Require(authentication.Username, nameof(authentication.Username));
                if (authentication.Password is null)
                {
                    errors.Add($"{path}:Password is required when Type is Basic.");
                }

                // The provider's own rules, so that what it would refuse on the first call fails here; values are never quoted.
                Check(string.IsNullOrEmpty(authentication.Username) ? null : CredentialRules.BasicUsernameProblem(authentication.Username), nameof(authentication.Username));
                Check(authentication.Password is null ? null : CredentialRules.BasicPasswordProblem(authentication.Password), nameof(authentication.Password));
                break;
            case ConnectorAuthenticationType.Bearer:
                Require(authentication.Token, nameof(authentication.Token));
                Check(string.IsNullOrWhiteSpace(authentication.Token) ? null : CredentialRules.BearerTokenProblem(authentication.Token), nameof(authentication.Token));
                break;
            case ConnectorAuthenticationType.ApiKey:
                Require(authentication.ApiKeyName, nameof(authentication.ApiKeyName));
                Require(authentication.ApiKeyValue, nameof(authentication.ApiKeyValue));
                Check(string.IsNullOrWhiteSpace(authentication.ApiKeyName) ? null : CredentialRules.ApiKeyNameProblem(authentication.ApiKeyName, authentication.ApiKeyLocation), nameof(authentication.ApiKeyName));
                Check(string.IsNullOrWhiteSpace(authentication.ApiKeyValue) ? null : CredentialRules.ApiKeyValueProblem(authentication.ApiKeyValue, authentication.ApiKeyLocation), nameof(authentication.ApiKeyValue));
                break;
            case ConnectorAuthenticationType.OAuth2ClientCredentials:
                var oauth = authentication.OAuth2;
                if (oauth.TokenEndpoint is null)
                {
                    errors.Add($"{path}:TokenEndpoint is required when Type is OAuth2ClientCredentials.");
                }
                else if (!oauth.TokenEndpoint.IsAbsoluteUri || (oauth.TokenEndpoint.Scheme != Uri.UriSchemeHttps && oauth.TokenEndpoint.Scheme != Uri.UriSchemeHttp))
                {
                    errors.Add($"{path}:TokenEndpoint must be an absolute http or https URI.");
                }
                else if (!options.AllowInsecureHttp && PlainHttpRule.IsInsecure(oauth.TokenEndpoint))
                {
                    errors.Add($"{path}:TokenEndpoint uses plain http to '{oauth.TokenEndpoint.Host}', which would send the client secret in clear text. Use https, or set {Path(context.Prefix, "AllowInsecureHttp")} to true on a closed test network.");
                }

                Require(oauth.ClientId, nameof(oauth.ClientId));
                Require(oauth.ClientSecret, nameof(oauth.ClientSecret));
                if (oauth.TokenRequestTimeout is { } tokenRequestTimeout && (tokenRequestTimeout <= TimeSpan.Zero || tokenRequestTimeout > ConnectorDefaults.MaxTimeout))
                {
                    errors.Add($"{path}:TokenRequestTimeout is {tokenRequestTimeout}; it must be positive and at most {ConnectorDefaults.MaxTimeout} (about 49 days). Leave it unset to use the connector's Timeout.");
                }

                if (oauth.RefreshBeforeExpiry < TimeSpan.Zero)
                {
                    errors.Add($"{path}:RefreshBeforeExpiry is {oauth.RefreshBeforeExpiry}; it must not be negative.");
                }

                break;
            default:
                errors.Add($"{path}:Type is {(int)type}, which is not a known authentication type.");
                break;
        }
    }

    /// <summary>The policy of the options being validated: their sensitive names and their API key's name, on top of the defaults.</summary>
    private static RedactionPolicy Redaction(ConnectorClientOptions options) => RedactionPolicy.Create(
        options.AuthenticationSettings.ApiKeyName is { } apiKeyName ? [.. options.SensitiveQueryParameters, apiKeyName] : options.SensitiveQueryParameters,
        CredentialQueryParameters.Of(options.Authentication));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
