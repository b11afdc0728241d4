using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CustomConnector.Internal;

/// <summary>
/// Binds <see cref="ConnectorClientOptions"/> from configuration by hand: trimming and AOT safe without a
/// generator, and a value that does not convert is recorded (named by its full path) instead of
/// aborting the bind, so that validation can report every problem at once.
/// </summary>
internal static class ConnectorOptionsBinder
{
    public static void Bind(IConfiguration configuration, ConnectorClientOptions options, string path)
    {
        var errors = options.BindingErrors;
        var redaction = BindingRedaction(configuration, options);
        var section = new SectionReader(configuration, path);
        if (section["BaseAddress"] is { } baseAddress)
        {
            options.BaseAddress = ParseUri(baseAddress, $"{path}:BaseAddress", redaction, errors) ?? options.BaseAddress;
        }

        options.Timeout = ParseTimeSpan(section["Timeout"], $"{path}:Timeout", errors) ?? options.Timeout;
        options.MaxResponseContentBytes = ParseLong(section["MaxResponseContentBytes"], $"{path}:MaxResponseContentBytes", errors) ?? options.MaxResponseContentBytes;
        options.AllowInsecureHttp = ParseBool(section["AllowInsecureHttp"], $"{path}:AllowInsecureHttp", errors) ?? options.AllowInsecureHttp;
        options.FollowRedirects = ParseBool(section["FollowRedirects"], $"{path}:FollowRedirects", errors) ?? options.FollowRedirects;
        options.MaxRedirects = ParseInt(section["MaxRedirects"], $"{path}:MaxRedirects", errors) ?? options.MaxRedirects;
        BindDictionary(section.GetSection("DefaultHeaders"), options.DefaultHeaders);
        foreach (var name in section.GetSection("SensitiveQueryParameters").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(name.Value))
            {
                options.SensitiveQueryParameters.Add(name.Value);
            }
        }

        foreach (var origin in section.GetSection("TrustedOrigins").GetChildren())
        {
            if (origin.Value is { } value && ParseUri(value, $"{path}:TrustedOrigins:{origin.Key}", redaction, errors) is { } uri)
            {
                options.TrustedOrigins.Add(uri);
            }
        }

        var envelope = new SectionReader(section.GetSection("Envelope"), $"{path}:Envelope");
        if (envelope["DataProperty"] is { } dataProperty)
        {
            options.Envelope.DataProperty = dataProperty;
        }

        if (envelope["ErrorProperty"] is { } errorProperty)
        {
            options.Envelope.ErrorProperty = errorProperty;
        }

        envelope.ReportUnknownKeys(errors);
        BindAuthentication(new SectionReader(section.GetSection("Authentication"), $"{path}:Authentication"), options.AuthenticationSettings, redaction, errors);
        BindResilience(new SectionReader(section.GetSection("Resilience"), $"{path}:Resilience"), options.Resilience, errors);
        foreach (var child in section.GetSection("Endpoints").GetChildren())
        {
            var endpoint = new SectionReader(child, $"{path}:Endpoints:{child.Key}");
            if (!options.Endpoints.TryGetValue(child.Key, out var definition))
            {
                definition = new ConnectorEndpointOptions();
                options.Endpoints[child.Key] = definition;
            }

            definition.Method = endpoint["Method"] ?? definition.Method;
            definition.Path = endpoint["Path"] ?? definition.Path;
            definition.Body = endpoint["Body"] ?? definition.Body;
            BindDictionary(endpoint.GetSection("Query"), definition.Query);
            BindDictionary(endpoint.GetSection("Headers"), definition.Headers);
            var resilience = endpoint.GetSection("Resilience");
            if (resilience.GetChildren().Any())
            {
                // Only the keys present override the connector's settings; bind them once here to report errors now.
                var resiliencePath = $"{endpoint.Path}:Resilience";
                foreach (var shared in new[] { "CircuitBreaker", "RateLimit" })
                {
                    if (resilience.GetSection(shared).GetChildren().Any())
                    {
                        errors.Add($"{resiliencePath}:{shared} is set, but the circuit breaker and rate limit are the connector's, shared by all its endpoints. Set them under {path}:Resilience:{shared}.");
                    }
                }

                BindResilience(new SectionReader(resilience, resiliencePath), new ConnectorResilienceOptions(), errors);
                definition.Resilience = target => BindResilience(new SectionReader(resilience, resiliencePath), target, []);
            }

            var pagination = endpoint.GetSection("Pagination");
            if (pagination.GetChildren().Any())
            {
                BindPagination(new SectionReader(pagination, $"{endpoint.Path}:Pagination"), definition.Pagination ??= new ConnectorPaginationOptions(), redaction, errors);
            }

            endpoint.ReportUnknownKeys(errors);
        }

        section.ReportUnknownKeys(errors);
    }

    private static void BindPagination(SectionReader section, ConnectorPaginationOptions options, RedactionPolicy redaction, List<string> errors)
    {
        var path = section.Path;
        if (section["Type"] is { } type)
        {
            if (Enum.TryParse<ConnectorPaginationType>(type, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(type.TrimStart()[0]))
            {
                options.Type = parsed;
            }
            else
            {
                errors.Add($"{path}:Type is '{type}', which is not a pagination type. Use one of: {string.Join(", ", Enum.GetNames<ConnectorPaginationType>())}.");
            }
        }

        options.NextPath = section["NextPath"] ?? options.NextPath;
        if (section["BaseUri"] is { } baseUri)
        {
            options.BaseUri = ParseUri(baseUri, $"{path}:BaseUri", redaction, errors) ?? options.BaseUri;
        }

        options.PageParameter = section["PageParameter"] ?? options.PageParameter;
        options.FirstPage = ParseInt(section["FirstPage"], $"{path}:FirstPage", errors) ?? options.FirstPage;
        options.PageSizeParameter = section["PageSizeParameter"] ?? options.PageSizeParameter;
        options.PageSize = ParseInt(section["PageSize"], $"{path}:PageSize", errors) ?? options.PageSize;
        options.TotalPagesPath = section["TotalPagesPath"] ?? options.TotalPagesPath;
        options.OffsetParameter = section["OffsetParameter"] ?? options.OffsetParameter;
        options.LimitParameter = section["LimitParameter"] ?? options.LimitParameter;
        options.Limit = ParseInt(section["Limit"], $"{path}:Limit", errors) ?? options.Limit;
        options.TotalPath = section["TotalPath"] ?? options.TotalPath;
        options.CursorPath = section["CursorPath"] ?? options.CursorPath;
        options.CursorParameter = section["CursorParameter"] ?? options.CursorParameter;
        BindPaginationLimits(section, options, errors);
        section.ReportUnknownKeys(errors);
    }

    /// <summary>Binds MaxPages, MaxItems and AllowCrossOriginLinks into the (immutable) <see cref="PaginationOptions"/>, reporting values it would refuse by their path.</summary>
    private static void BindPaginationLimits(SectionReader section, ConnectorPaginationOptions options, List<string> errors)
    {
        var path = section.Path;
        var maxPagesText = section["MaxPages"];
        var maxItemsText = section["MaxItems"];
        var crossOriginText = section["AllowCrossOriginLinks"];
        if (maxPagesText is null && maxItemsText is null && crossOriginText is null)
        {
            return;
        }

        var count = errors.Count;
        var limits = options.Limits ?? PaginationOptions.Default;
        var maxPages = ParseInt(maxPagesText, $"{path}:MaxPages", errors) ?? limits.MaxPages;
        var maxItems = ParseLong(maxItemsText, $"{path}:MaxItems", errors) ?? limits.MaxItems;
        var allowCrossOriginLinks = ParseBool(crossOriginText, $"{path}:AllowCrossOriginLinks", errors) ?? limits.AllowCrossOriginLinks;
        if (maxPages < 1)
        {
            errors.Add($"{path}:MaxPages is {maxPages}; it must be 1 or more.");
        }

        if (maxItems is < 1)
        {
            errors.Add($"{path}:MaxItems is {maxItems}; it must be 1 or more, or absent for no limit.");
        }

        if (errors.Count == count)
        {
            options.Limits = new PaginationOptions { MaxPages = maxPages, MaxItems = maxItems, AllowCrossOriginLinks = allowCrossOriginLinks };
        }
    }

    private static void BindResilience(SectionReader section, ConnectorResilienceOptions options, List<string> errors)
    {
        var path = section.Path;
        options.Enabled = ParseBool(section["Enabled"], $"{path}:Enabled", errors) ?? options.Enabled;
        options.MaxRetries = ParseInt(section["MaxRetries"], $"{path}:MaxRetries", errors) ?? options.MaxRetries;
        options.BaseDelay = ParseTimeSpan(section["BaseDelay"], $"{path}:BaseDelay", errors) ?? options.BaseDelay;
        options.MaxDelay = ParseTimeSpan(section["MaxDelay"], $"{path}:MaxDelay", errors) ?? options.MaxDelay;
        options.MaxRetryAfter = ParseTimeSpan(section["MaxRetryAfter"], $"{path}:MaxRetryAfter", errors) ?? options.MaxRetryAfter;
        options.AttemptTimeout = ParseTimeSpan(section["AttemptTimeout"], $"{path}:AttemptTimeout", errors) ?? options.AttemptTimeout;

        var breaker = new SectionReader(section.GetSection("CircuitBreaker"), $"{path}:CircuitBreaker");
        options.CircuitBreaker.Enabled = ParseBool(breaker["Enabled"], $"{path}:CircuitBreaker:Enabled", errors) ?? options.CircuitBreaker.Enabled;
        options.CircuitBreaker.FailureRatio = ParseDouble(breaker["FailureRatio"], $"{path}:CircuitBreaker:FailureRatio", errors) ?? options.CircuitBreaker.FailureRatio;
        options.CircuitBreaker.MinimumThroughput = ParseInt(breaker["MinimumThroughput"], $"{path}:CircuitBreaker:MinimumThroughput", errors) ?? options.CircuitBreaker.MinimumThroughput;
        options.CircuitBreaker.SamplingDuration = ParseTimeSpan(breaker["SamplingDuration"], $"{path}:CircuitBreaker:SamplingDuration", errors) ?? options.CircuitBreaker.SamplingDuration;
        options.CircuitBreaker.BreakDuration = ParseTimeSpan(breaker["BreakDuration"], $"{path}:CircuitBreaker:BreakDuration", errors) ?? options.CircuitBreaker.BreakDuration;

        var limit = new SectionReader(section.GetSection("RateLimit"), $"{path}:RateLimit");
        if (limit["Kind"] is { } kind)
        {
            if (Enum.TryParse<ConnectorRateLimitKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(kind.TrimStart()[0]))
            {
                options.RateLimit.Kind = parsed;
            }
            else
            {
                errors.Add($"{path}:RateLimit:Kind is '{kind}'; use None, TokenBucket or FixedWindow.");
            }
        }

        options.RateLimit.PermitLimit = ParseInt(limit["PermitLimit"], $"{path}:RateLimit:PermitLimit", errors) ?? options.RateLimit.PermitLimit;
        options.RateLimit.Window = ParseTimeSpan(limit["Window"], $"{path}:RateLimit:Window", errors) ?? options.RateLimit.Window;
        options.RateLimit.QueueLimit = ParseInt(limit["QueueLimit"], $"{path}:RateLimit:QueueLimit", errors) ?? options.RateLimit.QueueLimit;
        breaker.ReportUnknownKeys(errors);
        limit.ReportUnknownKeys(errors);
        section.ReportUnknownKeys(errors);
    }

    private static void BindAuthentication(SectionReader section, ConnectorAuthenticationOptions options, RedactionPolicy redaction, List<string> errors)
    {
        var path = section.Path;
        if (section["Type"] is { } type)
        {
            if (Enum.TryParse<ConnectorAuthenticationType>(type, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(type.TrimStart()[0]))
            {
                options.Type = parsed;
            }
            else
            {
                errors.Add($"{path}:Type is '{type}', which is not a known authentication type. Use one of: {string.Join(", ", Enum.GetNames<ConnectorAuthenticationType>())}.");
            }
        }

        if (section["ApiKeyLocation"] is { } location)
        {
            if (Enum.TryParse<ApiKeyLocation>(location, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(location.TrimStart()[0]))
            {
                options.ApiKeyLocation = parsed;
            }
            else
            {
                errors.Add($"{path}:ApiKeyLocation is '{location}'; use Header or Query.");
            }
        }

        options.Username = section["Username"] ?? options.Username;
        options.Password = section["Password"] ?? options.Password;
        options.Token = section["Token"] ?? options.Token;
        options.ApiKeyName = section["ApiKeyName"] ?? options.ApiKeyName;
        options.ApiKeyValue = section["ApiKeyValue"] ?? options.ApiKeyValue;

        // The OAuth 2.0 keys sit directly under Authentication, as they always have.
        var oauth = options.OAuth2;
        oauth.ClientId = section["ClientId"] ?? oauth.ClientId;
        oauth.ClientSecret = section["ClientSecret"] ?? oauth.ClientSecret;
        oauth.Scope = section["Scope"] ?? oauth.Scope;
        oauth.CredentialsInBody = ParseBool(section["CredentialsInBody"], $"{path}:CredentialsInBody", errors) ?? oauth.CredentialsInBody;
        oauth.TokenRequestTimeout = ParseTimeSpan(section["TokenRequestTimeout"], $"{path}:TokenRequestTimeout", errors) ?? oauth.TokenRequestTimeout;
        oauth.RefreshBeforeExpiry = ParseTimeSpan(section["RefreshBeforeExpiry"], $"{path}:RefreshBeforeExpiry", errors) ?? oauth.RefreshBeforeExpiry;
        if (section["TokenEndpoint"] is { } tokenEndpoint)
        {
            oauth.TokenEndpoint = ParseUri(tokenEndpoint, $"{path}:TokenEndpoint", redaction, errors) ?? oauth.TokenEndpoint;
        }

        BindDictionary(section.GetSection("TokenParameters"), oauth.TokenParameters);
        section.ReportUnknownKeys(errors);
    }

    private static void BindDictionary(IConfigurationSection section, IDictionary<string, string> target)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } value)
            {
                target[child.Key] = value;
            }
        }
    }

    /// <summary>The policy for quoting values that do not bind: the defaults, the section's own sensitive names and its API key's name, plus any set in code before binding.</summary>
    private static RedactionPolicy BindingRedaction(IConfiguration section, ConnectorClientOptions options)
    {
        var names = new List<string>(options.SensitiveQueryParameters);
        foreach (var name in section.GetSection("SensitiveQueryParameters").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(name.Value))
            {
                names.Add(name.Value);
            }
        }

        if (section["Authentication:ApiKeyName"] is { } apiKeyName)
        {
            names.Add(apiKeyName);
        }

        return RedactionPolicy.Default.With(names);
    }

    private static Uri? ParseUri(string value, string path, RedactionPolicy redaction, List<string> errors)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        // Quoted redacted: a URI may carry a credential in its query or user info.
        errors.Add($"{path} is '{redaction.Redact(value)}', which is not an absolute URI such as https://api.example.com/v1/.");
        return null;
    }

    private static TimeSpan? ParseTimeSpan(string? value, string path, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (IsBareNumber(value))
        {
            // TimeSpan reads a bare "30" as 30 days: refuse it rather than guess the unit.
            errors.Add($"{path} is '{value}', a bare number, which a time span would read as days; write hours:minutes:seconds, such as 00:00:30 for 30 seconds.");
            return null;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{path} is '{value}', which is not a time span such as 00:00:30.");
        return null;
    }

    private static bool IsBareNumber(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            text = text[1..];
        }

        return text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
    }

    private static long? ParseLong(string? value, string path, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{path} is '{value}', which is not a whole number.");
        return null;
    }

    private static int? ParseInt(string? value, string path, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{path} is '{value}', which is not a whole number.");
        return null;
    }

    private static double? ParseDouble(string? value, string path, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{path} is '{value}', which is not a number.");
        return null;
    }

    private static bool? ParseBool(string? value, string path, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{path} is '{value}', which is not true or false.");
        return null;
    }
}
