using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Builds, once per item type and envelope shape, the metadata that reads a whole page in one
/// streaming pass of System.Text.Json: the data array into a <see cref="List{T}"/>, the error, and
/// every other top-level property into extension data (the values strategies look up by path).
/// </summary>
/// <remarks>
/// Contract customization with <see cref="JsonMetadataServices"/>, as the source generator emits it:
/// trimming and AOT safe. The items' metadata comes from the caller's resolver, as for
/// <see cref="EnvelopeTypeInfoCache"/>.
/// </remarks>
internal static class PageEnvelopeTypeInfoCache
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, Entry> Entries = [];

    public static JsonTypeInfo<PageEnvelope<T>> Get<T>(JsonTypeInfo<T> itemTypeInfo, ConnectorEnvelopeOptions envelope) =>
        Entries.GetValue(itemTypeInfo, static info => new Entry(info)).Get<T>(envelope.DataProperty, envelope.ErrorProperty);

    /// <summary>Gets the metadata of a bare array of items, for envelopes whose whole body is the data.</summary>
    public static JsonTypeInfo<List<T>> GetList<T>(JsonTypeInfo<T> itemTypeInfo) =>
        Entries.GetValue(itemTypeInfo, static info => new Entry(info)).GetList<T>();

    private sealed class Entry(JsonTypeInfo itemTypeInfo)
    {
        private readonly object _lock = new();
        private JsonSerializerOptions? _options;
        private JsonTypeInfo? _list;
        private Shape[] _shapes = [];

        public JsonTypeInfo<PageEnvelope<T>> Get<T>(string dataProperty, string errorProperty)
        {
            foreach (var shape in Volatile.Read(ref _shapes))
            {
                if (string.Equals(shape.DataProperty, dataProperty, StringComparison.Ordinal)
                    && string.Equals(shape.ErrorProperty, errorProperty, StringComparison.Ordinal))
                {
                    return (JsonTypeInfo<PageEnvelope<T>>)shape.TypeInfo;
                }
            }

            lock (_lock)
            {
                var typeInfo = Create<T>(GetOptions<T>(), dataProperty, errorProperty);
                Volatile.Write(ref _shapes, [.. _shapes, new Shape(dataProperty, errorProperty, typeInfo)]);
                return typeInfo;
            }
        }

        public JsonTypeInfo<List<T>> GetList<T>()
        {
            if (Volatile.Read(ref _list) is JsonTypeInfo<List<T>> list)
            {
                return list;
            }

            lock (_lock)
            {
                var created = (JsonTypeInfo<List<T>>)GetOptions<T>().GetTypeInfo(typeof(List<T>));
                Volatile.Write(ref _list, created);
                return created;
            }
        }

        private JsonSerializerOptions GetOptions<T>()
        {
            if (_options is { } options)
            {
                return options;
            }

            // Ours describe List<T> and the envelope's own parts; the caller's describes the items.
            var itemOptions = itemTypeInfo.Options;
            IJsonTypeInfoResolver resolver = itemOptions.TypeInfoResolver is { } callerResolver
                ? JsonTypeInfoResolver.Combine(new ListResolver<T>(), callerResolver, ConnectorJsonContext.Default)
                : JsonTypeInfoResolver.Combine(new ListResolver<T>(), ConnectorJsonContext.Default);
            options = new JsonSerializerOptions(itemOptions) { TypeInfoResolver = resolver };
            options.MakeReadOnly();
            _options = options;
            return options;
        }

        private static JsonTypeInfo<PageEnvelope<T>> Create<T>(JsonSerializerOptions options, string dataProperty, string errorProperty)
        {
            var values = new JsonObjectInfoValues<PageEnvelope<T>>
            {
                ObjectCreator = static () => new PageEnvelope<T>(),
                PropertyMetadataInitializer = _ => CreateProperties<T>(options, dataProperty, errorProperty),
            };
            var typeInfo = JsonMetadataServices.CreateObjectInfo(options, values);
            typeInfo.MakeReadOnly();
            return typeInfo;
        }

        private static JsonPropertyInfo[] CreateProperties<T>(JsonSerializerOptions options, string dataProperty, string errorProperty)
        {
            var data = JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<List<T>>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(PageEnvelope<T>),
                PropertyName = nameof(PageEnvelope<T>.Data),
                JsonPropertyName = dataProperty,
                Getter = static page => ((PageEnvelope<T>)page).Data!,
                Setter = static (page, items) =>
                {
                    var typed = (PageEnvelope<T>)page;
                    typed.Data = items;
                    typed.HasData = true;
                },
            });

            // Everything else at the top level, kept as JSON for ConnectorPage.TryGetValue.
            var others = JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<Dictionary<string, JsonElement>>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(PageEnvelope<T>),
                PropertyName = nameof(PageEnvelope<T>.Values),
                JsonPropertyName = nameof(PageEnvelope<T>.Values),
                Getter = static page => ((PageEnvelope<T>)page).Values!,
                Setter = static (page, values) => ((PageEnvelope<T>)page).Values = values,
            });
            others.IsExtensionData = true;
            if (errorProperty.Length == 0)
            {
                return [data, others];
            }

            var error = JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<ConnectorError>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(PageEnvelope<T>),
                PropertyName = nameof(PageEnvelope<T>.Error),
                JsonPropertyName = errorProperty,
                Getter = static page => ((PageEnvelope<T>)page).Error!,
                Setter = static (page, value) => ((PageEnvelope<T>)page).Error = value,
            });
            return [data, error, others];
        }

        private sealed record Shape(string DataProperty, string ErrorProperty, JsonTypeInfo TypeInfo);
    }
}
