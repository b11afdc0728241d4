namespace CustomConnector.Internal;

/// <summary>
/// Joins an endpoint URI to the base address. Unlike <see cref="Uri(Uri, string)"/>, the base
/// path is always kept: "https://h/api/v1" and "https://h/api/v1/" with "wings" or "/wings"
/// all give "https://h/api/v1/wings".
/// </summary>
internal static class UriJoiner
{
    public static Uri Resolve(Uri? baseAddress, string requestUri, string endpointName, RedactionPolicy redaction, string paramName)
    {
        if (IsAbsoluteHttp(requestUri))
        {
            if (UriTemplate.HasUserInfo(requestUri))
            {
                // An IConnectorEndpoint of the caller's own, which the builders' check never saw.
                throw new ArgumentException($"Endpoint '{endpointName}': {UriTemplate.UserInfoMessage}", paramName);
            }

            return new Uri(requestUri, UriKind.Absolute);
        }

        if (baseAddress is null)
        {
            throw new ArgumentException(
                $"Endpoint '{endpointName}' has the relative URI '{redaction.Redact(requestUri)}', but the client has no base address. Set ConnectorClientOptions.BaseAddress or give the endpoint an absolute URI.",
                paramName);
        }

        return new Uri(Join(baseAddress.AbsoluteUri, requestUri), UriKind.Absolute);
    }

    public static bool IsAbsoluteHttp(string uri) =>
        uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    internal static string Join(string baseUri, string relative)
    {
        var trimmedBase = baseUri.AsSpan().TrimEnd('/');
        var trimmedRelative = relative.AsSpan().TrimStart('/');
        if (trimmedRelative.IsEmpty)
        {
            return trimmedBase.Length == baseUri.Length ? baseUri : string.Concat(trimmedBase, "/");
        }

        return trimmedRelative[0] == '?'
            ? string.Concat(trimmedBase, trimmedRelative)
            : string.Concat(trimmedBase, "/", trimmedRelative);
    }

    public static bool SameOrigin(Uri left, Uri right) =>
        string.Equals(left.Scheme, right.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(left.IdnHost, right.IdnHost, StringComparison.OrdinalIgnoreCase)
        && left.Port == right.Port;
}
