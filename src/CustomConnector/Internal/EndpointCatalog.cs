using System.Text;

namespace CustomConnector.Internal;

/// <summary>The named endpoints of one connector, validated once and turned into builders on request.</summary>
internal sealed class EndpointCatalog
{
    private readonly Dictionary<string, Definition> _definitions;

    public EndpointCatalog(IDictionary<string, ConnectorEndpointOptions> endpoints, string pathPrefix, string paramName)
    {
        _definitions = new Dictionary<string, Definition>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var (name, options) in endpoints)
        {
            var definition = Validate(name, options, $"{pathPrefix}:{name}", errors);
            if (definition is not null)
            {
                _definitions[name] = definition;
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(ConnectorClientOptionsValidator.FormatProblems(errors, $"The endpoints have {errors.Count} problems:"), paramName);
        }
    }

    public static EndpointCatalog Empty { get; } = new(new Dictionary<string, ConnectorEndpointOptions>(), "Endpoints", "endpoints");

    public EndpointBuilder CreateBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_definitions.TryGetValue(name, out var definition))
        {
            var known = _definitions.Count == 0
                ? "The connector defines no endpoints."
                : $"Defined endpoints: {string.Join(", ", _definitions.Keys.Order(StringComparer.OrdinalIgnoreCase))}.";
            throw new ArgumentException($"The connector has no endpoint named '{name}'. {known}", nameof(name));
        }

        return CreateBuilder(definition);
    }

    private static EndpointBuilder CreateBuilder(Definition definition)
    {
        var builder = ConnectorEndpoint.Create(definition.Method, definition.Path).WithName(definition.Name);
        foreach (var (key, value) in definition.Query)
        {
            builder.WithQueryParameter(key, value);
        }

        foreach (var (key, value) in definition.Headers)
        {
            builder.WithHeader(key, value);
        }

        if (definition.Resilience is { } resilience)
        {
            builder.WithResilience(resilience);
        }

        if (definition.Body is { } body)
        {
            builder.WithContent(() => CreateJsonContent(body));
        }

        if (definition.Pagination is { } pagination)
        {
            builder.WithPagination(pagination);
        }

        return builder;
    }

    /// <summary>Checks one definition; adds every problem to <paramref name="errors"/>, each named by its configuration path.</summary>
    internal static Definition? Validate(string name, ConnectorEndpointOptions? options, string path, List<string> errors)
    {
        if (options is null)
        {
            errors.Add($"{path} is empty; give it at least a Path.");
            return null;
        }

        var count = errors.Count;
        var method = ParseMethod(options.Method);
        if (method is null)
        {
            errors.Add($"{path}:Method is '{options.Method}'; connector endpoints support {SupportedMethods}.");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            errors.Add($"{path}:Path is required.");
        }
        else
        {
            try
            {
                _ = ConnectorEndpoint.Get(options.Path);
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{path}:Path is malformed: {FirstSentence(exception.Message)}");
            }
        }

        foreach (var (header, value) in options.Headers)
        {
            try
            {
                HttpHeaderRules.ValidateName(header, nameof(options));
                HttpHeaderRules.ValidateValue(header, value ?? string.Empty, nameof(options));
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{path}:Headers:{header} is invalid: {FirstSentence(exception.Message)}");
            }
        }

        if (options.Body is not null && method == HttpMethod.Get)
        {
            errors.Add($"{path}:Body is set, but a GET request carries no body. Remove it or make the endpoint a POST, PUT or PATCH.");
        }

        if (options.Body is not null && !IsJson(options.Body))
        {
            errors.Add($"{path}:Body is not valid JSON text.");
        }

        if (options.Resilience is { } resilience)
        {
            var effective = new ConnectorResilienceOptions();
            resilience(effective);
            ConnectorResilienceValidator.Validate(effective, $"{path}:Resilience", errors);
        }

        var pagination = options.Pagination is { } paging ? PaginationConfiguration.Create(paging, $"{path}:Pagination", errors) : null;
        if (errors.Count != count)
        {
            return null;
        }

        var definition = new Definition(name, method!, options.Path!, [.. options.Query], [.. options.Headers], options.Body, options.Resilience, pagination);
        try
        {
            // The builders' own rules (query names and values, headers, ...) are the definitions' rules too:
            // what GetEndpoint would refuse on a call fails here, at startup.
            _ = CreateBuilder(definition);
        }
        catch (ArgumentException exception)
        {
            errors.Add($"{path} is refused: {FirstSentence(exception.Message)}");
            return null;
        }

        return definition;
    }

    /// <summary>The methods a configured endpoint may have, as its message lists them.</summary>
    internal const string SupportedMethods = "GET, POST, PUT, PATCH and DELETE";

    private static HttpMethod? ParseMethod(string? method) => method?.ToUpperInvariant() switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "PATCH" => HttpMethod.Patch,
        "DELETE" => HttpMethod.Delete,
        _ => null,
    };

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static ByteArrayContent CreateJsonContent(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", ConnectorDefaults.JsonContentType);
        return content;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    internal sealed record Definition(
        string Name,
        HttpMethod Method,
        string Path,
        KeyValuePair<string, string>[] Query,
        KeyValuePair<string, string>[] Headers,
        string? Body,
        Action<ConnectorResilienceOptions>? Resilience,
        IPaginationStrategy? Pagination);
}
