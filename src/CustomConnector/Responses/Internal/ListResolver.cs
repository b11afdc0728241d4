using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>Describes <see cref="List{T}"/> of the caller's item type without reflection, whether or not the caller's context lists it.</summary>
internal sealed class ListResolver<T> : IJsonTypeInfoResolver
{
    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        type == typeof(List<T>)
            ? JsonMetadataServices.CreateListInfo<List<T>, T>(options, new JsonCollectionInfoValues<List<T>> { ObjectCreator = static () => [] })
            : null;
}
