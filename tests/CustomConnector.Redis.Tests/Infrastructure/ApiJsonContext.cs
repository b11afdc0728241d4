using System.Text.Json.Serialization;

namespace CustomConnector.Redis.Tests;

public sealed record TokenReply(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

[JsonSerializable(typeof(TokenReply))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
