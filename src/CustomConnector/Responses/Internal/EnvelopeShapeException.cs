using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>The body is valid JSON but not the shape the envelope requires; the message completes "The response ...".</summary>
internal sealed class EnvelopeShapeException(string problem) : Exception(problem)
{
    /// <summary>The data property holds something other than an array (or null).</summary>
    public static EnvelopeShapeException DataNotArray(string dataProperty, JsonTokenType token) =>
        new($"has a '{dataProperty}' property that holds {Describe(token)}, not the array of items that paging and streaming read. Use SendAsync for a single value.");

    /// <summary>With no data property, the whole body is something other than an array (or null).</summary>
    public static EnvelopeShapeException RootNotArray(JsonTokenType token) =>
        new($"has a JSON body that is {Describe(token)}, not an array. With the envelope's DataProperty set to \"\", the whole body must be the array of items.");

    /// <summary>The body is something other than the object that holds the data property.</summary>
    public static EnvelopeShapeException RootNotObject(string dataProperty, JsonTokenType token) =>
        new($"has a JSON body that is {Describe(token)}, not an object with the '{dataProperty}' property the envelope requires. If this API does not wrap its payload, set the envelope's DataProperty to \"\".");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
