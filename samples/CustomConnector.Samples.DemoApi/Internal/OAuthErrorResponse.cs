using System.Text.Json.Serialization;

namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>A token endpoint error (RFC 6749 section 5.2): <c>{"error": "invalid_client", "error_description": "..."}</c>.</summary>
internal sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
