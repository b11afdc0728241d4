using System.Text.Json.Serialization;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>The error a connector API reported: <c>{"error": {"code": "400", "description": "..."}}</c>.</summary>
[JsonConverter(typeof(ConnectorErrorJsonConverter))]
public sealed class ConnectorError
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorError"/> class.</summary>
    /// <param name="code">The error code, such as <c>"400"</c> or <c>"invalid_client"</c>.</param>
    /// <param name="description">What went wrong, in the API's words.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ConnectorError(string code, string description)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(description);
        Code = code;
        Description = description;
    }

    /// <summary>Gets the error code; a numeric code in the JSON arrives here as its digits.</summary>
    public string Code { get; }

    /// <summary>Gets the description of the error.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Description.Length == 0 ? Code : $"{Code}: {Description}";
}
