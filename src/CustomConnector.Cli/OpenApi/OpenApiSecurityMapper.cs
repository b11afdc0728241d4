using Microsoft.OpenApi;

namespace CustomConnector.Cli.OpenApi;

/// <summary>
/// Maps an OpenAPI document's <c>securitySchemes</c> to the connector's authentication (http basic and bearer,
/// apiKey in a header or the query, oauth2 client credentials), secrets left out, and notes per operation what
/// the chosen scheme does not cover.
/// </summary>
internal static class OpenApiSecurityMapper
{
    public static (string Name, IOpenApiSecurityScheme Scheme)? MapSecurity(OpenApiDocument document, ImportedDefinition definition)
    {
        var schemes = document.Components?.SecuritySchemes;
        if (schemes is null || schemes.Count == 0)
        {
            definition.Authentication["Type"] = "None";
            return null;
        }

        // The scheme the document requires globally comes first; otherwise the first one declared.
        var ordered = new List<string>();
        foreach (var requirement in document.Security ?? [])
        {
            foreach (var reference in requirement.Keys)
            {
                if (reference.Reference?.Id is { } id && !ordered.Contains(id))
                {
                    ordered.Add(id);
                }
            }
        }

        foreach (var name in schemes.Keys)
        {
            if (!ordered.Contains(name))
            {
                ordered.Add(name);
            }
        }

        (string, IOpenApiSecurityScheme)? chosen = null;
        foreach (var name in ordered)
        {
            if (!schemes.TryGetValue(name, out var scheme))
            {
                continue;
            }

            if (chosen is null && TryMapScheme(name, scheme, definition))
            {
                chosen = (name, scheme);
            }
            else if (chosen is not null)
            {
                definition.Unmapped.Add($"security scheme '{name}' ({Describe(scheme)}): a connector has one authentication; '{chosen.Value.Item1}' was used.");
            }
        }

        if (chosen is null)
        {
            definition.Authentication.Clear();
            definition.Authentication["Type"] = "None";
        }

        return chosen;
    }

    private static bool TryMapScheme(string name, IOpenApiSecurityScheme scheme, ImportedDefinition definition)
    {
        var auth = definition.Authentication;
        switch (scheme.Type)
        {
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                auth["Type"] = "Basic";
                definition.SecretKeys.AddRange(["Username", "Password"]);
                return true;
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                auth["Type"] = "Bearer";
                definition.SecretKeys.Add("Token");
                return true;
            case SecuritySchemeType.ApiKey when scheme.In is ParameterLocation.Header or ParameterLocation.Query && !string.IsNullOrEmpty(scheme.Name):
                auth["Type"] = "ApiKey";
                auth["ApiKeyName"] = scheme.Name;
                auth["ApiKeyLocation"] = scheme.In == ParameterLocation.Query ? "Query" : "Header";
                definition.SecretKeys.Add("ApiKeyValue");
                return true;
            case SecuritySchemeType.OAuth2 when scheme.Flows?.ClientCredentials is { TokenUrl: { } tokenUrl } flow:
                auth["Type"] = "OAuth2ClientCredentials";
                auth["TokenEndpoint"] = tokenUrl.IsAbsoluteUri ? tokenUrl.AbsoluteUri : tokenUrl.OriginalString;
                if (flow.Scopes is { Count: > 0 } scopes)
                {
                    auth["Scope"] = string.Join(' ', scopes.Keys);
                }

                definition.SecretKeys.AddRange(["ClientId", "ClientSecret"]);
                if (scheme.Flows.AuthorizationCode is not null || scheme.Flows.Implicit is not null || scheme.Flows.Password is not null)
                {
                    definition.Unmapped.Add($"security scheme '{name}': OAuth2 flows other than clientCredentials (the connector uses client credentials).");
                }

                return true;
            default:
                definition.Unmapped.Add($"security scheme '{name}' ({Describe(scheme)}): no built-in provider; use AddAuthenticationProvider<T>() in code.");
                return false;
        }
    }

    private static string Describe(IOpenApiSecurityScheme scheme) => scheme.Type switch
    {
        SecuritySchemeType.Http => $"http {scheme.Scheme}",
        SecuritySchemeType.ApiKey => $"apiKey in {scheme.In}",
        SecuritySchemeType.OAuth2 => "oauth2 without a clientCredentials flow",
        _ => scheme.Type?.ToString() ?? "unknown",
    };

    public static void MapOperationSecurity(OpenApiOperation operation, (string Name, IOpenApiSecurityScheme Scheme)? chosen, ImportedDefinition definition, string label)
    {
        if (operation.Security is not { } requirements || chosen is null)
        {
            return;
        }

        if (requirements.Count == 0 || requirements.All(r => r.Count == 0))
        {
            definition.Unmapped.Add($"{label}: needs no authentication, but the connector's credentials go to every endpoint.");
            return;
        }

        var names = requirements.SelectMany(r => r.Keys).Select(k => k.Reference?.Id).ToList();
        if (!names.Contains(chosen.Value.Name))
        {
            definition.Unmapped.Add($"{label}: requires {string.Join(" or ", names)}, not the connector's '{chosen.Value.Name}'.");
        }
    }
}
