using Microsoft.Extensions.Options;

namespace CustomConnector.Internal;

/// <summary>
/// Checks one connector's options at startup (and after every reload), reporting every problem at
/// once, each named by its full configuration path.
/// </summary>
internal sealed class ConnectorOptionsValidator(ConnectorRegistration registration) : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        if (!string.Equals(name, registration.Name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var path = registration.ConfigurationPath;
        var errors = new List<string>(options.BindingErrors);
        ValidateBaseAddress(options, path, SendsCredentials(options), errors);

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{path}:Timeout is {options.Timeout}; it must be positive.");
        }
        else if (options.Timeout > ConnectorSettings.MaxTimeout)
        {
            errors.Add($"{path}:Timeout is {options.Timeout}; the longest supported is {ConnectorSettings.MaxTimeout} (use Timeout.InfiniteTimeSpan for none).");
        }

        if (options.MaxResponseContentBytes <= 0)
        {
            errors.Add($"{path}:MaxResponseContentBytes is {options.MaxResponseContentBytes}; it must be positive.");
        }

        if (options.MaxRedirects < 0)
        {
            errors.Add($"{path}:MaxRedirects is {options.MaxRedirects}; it must be zero or more.");
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
                errors.Add($"{path}:DefaultHeaders:{header} is invalid: {exception.Message.Split(" (Parameter")[0]}");
            }
        }

        ValidateTrustedOrigins(options, path, errors);
        ConnectorResilienceValidator.Validate(options.Resilience, $"{path}:Resilience", errors);
        if (registration.AuthenticationProviderFactory is null)
        {
            ValidateAuthentication(options, $"{path}:Authentication", errors);
        }

        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            EndpointCatalog.Validate(endpointName, endpoint, $"{path}:Endpoints:{endpointName}", errors);
        }

        // One failure, one problem per line: OptionsValidationException joins separate failures with "; " on one line.
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(string.Join(Environment.NewLine, errors));
    }

    /// <summary>True when requests carry credentials: configured authentication, a provider from code, or an authorization-like default header.</summary>
    private bool SendsCredentials(ConnectorOptions options)
    {
        if (options.Authentication.Type != ConnectorAuthenticationType.None || registration.AuthenticationProviderFactory is not null)
        {
            return true;
        }

        return PlainHttpRule.AnyCredentialHeader(options.DefaultHeaders.Keys);
    }

    private static void ValidateBaseAddress(ConnectorOptions options, string path, bool sendsCredentials, List<string> errors)
    {
        if (options.BaseAddress is not { } baseAddress)
        {
            if (!options.BindingErrors.Exists(e => e.StartsWith($"{path}:BaseAddress ", StringComparison.Ordinal)))
            {
                errors.Add($"{path}:BaseAddress is required: the absolute http(s) URI of the API, such as https://api.example.com/v1/.");
            }

            return;
        }

        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{path}:BaseAddress is '{Redaction(options).Redact(baseAddress).OriginalString}'; it must be an absolute http or https URI.");
            return;
        }

        if (baseAddress.Query.Length > 0 || baseAddress.Fragment.Length > 0 || baseAddress.UserInfo.Length > 0)
        {
            errors.Add($"{path}:BaseAddress must not carry a query, fragment or user-info; put query parameters on endpoints and credentials under Authentication.");
        }

        if (sendsCredentials && !options.AllowInsecureHttp && IsInsecure(baseAddress))
        {
            errors.Add($"{path}:BaseAddress uses plain http to '{baseAddress.Host}', which would send credentials in clear text. Use https, or set {path}:AllowInsecureHttp to true on a closed test network.");
        }
    }

    private static void ValidateAuthentication(ConnectorOptions options, string path, List<string> errors)
    {
        var authentication = options.Authentication;
        var type = authentication.Type;
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
                if (authentication.TokenEndpoint is null)
                {
                    errors.Add($"{path}:TokenEndpoint is required when Type is OAuth2ClientCredentials.");
                }
                else if (!authentication.TokenEndpoint.IsAbsoluteUri || (authentication.TokenEndpoint.Scheme != Uri.UriSchemeHttps && authentication.TokenEndpoint.Scheme != Uri.UriSchemeHttp))
                {
                    errors.Add($"{path}:TokenEndpoint must be an absolute http or https URI.");
                }
                else if (!options.AllowInsecureHttp && IsInsecure(authentication.TokenEndpoint))
                {
                    errors.Add($"{path}:TokenEndpoint uses plain http to '{authentication.TokenEndpoint.Host}', which would send the client secret in clear text. Use https, or set AllowInsecureHttp on a closed test network.");
                }

                Require(authentication.ClientId, nameof(authentication.ClientId));
                Require(authentication.ClientSecret, nameof(authentication.ClientSecret));
                if (authentication.TokenRequestTimeout is { } tokenRequestTimeout && (tokenRequestTimeout <= TimeSpan.Zero || tokenRequestTimeout > ConnectorSettings.MaxTimeout))
                {
                    errors.Add($"{path}:TokenRequestTimeout is {tokenRequestTimeout}; it must be positive and at most {ConnectorSettings.MaxTimeout} (about 49 days). Leave it unset to use the connector's Timeout.");
                }
                break;
            default:
                errors.Add($"{path}:Type is {(int)type}, which is not a known authentication type.");
                break;
        }
    }

    /// <summary>The policy of the connector being validated: its sensitive names and its API key's name, on top of the defaults.</summary>
    private static RedactionPolicy Redaction(ConnectorOptions options) => RedactionPolicy.Default.With(
        options.Authentication.ApiKeyName is { } apiKeyName ? [.. options.SensitiveQueryParameters, apiKeyName] : options.SensitiveQueryParameters);

    private static bool IsInsecure(Uri uri) => PlainHttpRule.IsInsecure(uri);

    private static void ValidateTrustedOrigins(ConnectorOptions options, string path, List<string> errors)
    {
        foreach (var origin in options.TrustedOrigins)
        {
            if (origin is null || !origin.IsAbsoluteUri || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{path}:TrustedOrigins holds an entry that is not an absolute http(s) URI; each must be one, such as https://auth.example.com.");
            }
            else if (!options.AllowInsecureHttp && IsInsecure(origin))
            {
                errors.Add($"{path}:TrustedOrigins holds {PlainHttpRule.Origin(origin)}, plain http to a host that is not loopback, which would receive credentials in clear text. Use https, or set {path}:AllowInsecureHttp to true on a closed test network.");
            }
        }
    }
}
