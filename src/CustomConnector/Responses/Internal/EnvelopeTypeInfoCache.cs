using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Builds, once per payload type and envelope shape, the metadata that lets System.Text.Json
/// stream <c>{"data": ..., "error": ...}</c> straight from the socket into <see cref="Envelope{T}"/>:
/// a single value, or a page (the data array as a <see cref="List{T}"/>, every other top-level
/// property kept as JSON in <see cref="EnvelopeWithValues{T}"/>).
/// </summary>
/// <remarks>
/// The envelope is described with contract customization (<see cref="JsonMetadataServices"/>, as the
/// source generator emits it) rather than a converter, so that the payload is read incrementally as
/// bytes arrive instead of being buffered whole first. The payload's metadata comes from the
/// caller's resolver, so source-generated contexts keep working under trimming and native AOT.
/// </remarks>
internal static class EnvelopeTypeInfoCache
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, Entry> Entries = [];

    /// <summary>Gets the metadata of the envelope around <paramref name="payloadTypeInfo"/>.</summary>
    /// <param name="payloadTypeInfo">The data property's metadata.</param>
    /// <param name="envelope">The property names.</param>
    /// <param name="withValues">Whether every other top-level property is kept (the envelope is then an <see cref="EnvelopeWithValues{T}"/>).</param>
    public static JsonTypeInfo<Envelope<T>> Get<T>(JsonTypeInfo<T> payloadTypeInfo, ConnectorEnvelopeOptions envelope, bool withValues = false) =>
        GetEntry(payloadTypeInfo).Get<T>(envelope.DataProperty, envelope.ErrorProperty, withValues);

    /// <summary>Gets the metadata of a <see cref="List{T}"/> of <paramref name="itemTypeInfo"/>'s items, whether or not the caller's resolver describes it.</summary>
    public static JsonTypeInfo<List<T>> GetList<T>(JsonTypeInfo<T> itemTypeInfo) => GetEntry(itemTypeInfo).GetList<T>();

    private static Entry GetEntry(JsonTypeInfo typeInfo) => Entries.GetValue(typeInfo, static info => new Entry(info));

    private sealed class Entry(JsonTypeInfo payloadTypeInfo)
    {
        private readonly object _lock = new();
        private JsonSerializerOptions? _options;
        private JsonTypeInfo? _list;
        private Shape[] _shapes = [];

        public JsonTypeInfo<Envelope<T>> Get<T>(string dataProperty, string errorProperty, bool withValues)
        {
            foreach (var shape in Volatile.Read(ref _shapes))
            {
                if (shape.WithValues == withValues
                    && string.Equals(shape.DataProperty, dataProperty, StringComparison.Ordinal)
                    && string.Equals(shape.ErrorProperty, errorProperty, StringComparison.Ordinal))
                {
                    return (JsonTypeInfo<Envelope<T>>)shape.TypeInfo;
                }
            }

            lock (_lock)
            {
                var typeInfo = Create<T>(GetOptions<T>(), dataProperty, errorProperty, withValues);
                Volatile.Write(ref _shapes, [.. _shapes, new Shape(dataProperty, errorProperty, withValues, typeInfo)]);
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

        /// <summary>Called under the lock.</summary>
        private JsonSerializerOptions GetOptions<T>()
        {
            if (_options is { } options)
            {
                return options;
            }

            // The caller's resolver describes the payload; ours describe List<T>, ConnectorError and the kept values.
            var typed = (JsonTypeInfo<T>)payloadTypeInfo;
            var payloadOptions = typed.Options;
            var resolver = payloadOptions.TypeInfoResolver is { } callerResolver
                ? JsonTypeInfoResolver.Combine(new ListResolver<T>(), callerResolver, ConnectorJsonContext.Default)
                : JsonTypeInfoResolver.Combine(new ListResolver<T>(), ConnectorJsonContext.Default);
            if (IsNonNullableValueType<T>())
            {
                resolver = JsonTypeInfoResolver.Combine(new PayloadBoxResolver<T>(typed), resolver);
            }

            options = new JsonSerializerOptions(payloadOptions) { TypeInfoResolver = resolver };
            options.MakeReadOnly();
            _options = options;
            return options;
        }

        private static JsonTypeInfo<Envelope<T>> Create<T>(JsonSerializerOptions options, string dataProperty, string errorProperty, bool withValues)
        {
            var values = new JsonObjectInfoValues<Envelope<T>>
            {
                ObjectCreator = withValues ? static () => new EnvelopeWithValues<T>() : static () => new Envelope<T>(),
                PropertyMetadataInitializer = _ => CreateProperties<T>(options, dataProperty, errorProperty, withValues),
            };
            var typeInfo = JsonMetadataServices.CreateObjectInfo(options, values);
            typeInfo.MakeReadOnly();
            return typeInfo;
        }

        private static JsonPropertyInfo[] CreateProperties<T>(JsonSerializerOptions options, string dataProperty, string errorProperty, bool withValues)
        {
            List<JsonPropertyInfo> properties =
            [
                IsNonNullableValueType<T>()
                    ? CreateBoxedDataProperty<T>(options, dataProperty)
                    : Property<T, T>(
                        options,
                        nameof(Envelope<T>.Data),
                        dataProperty,
                        static envelope => ((Envelope<T>)envelope).Data!,
                        static (envelope, value) =>
                        {
                            var typed = (Envelope<T>)envelope;
                            typed.Data = value;
                            typed.HasData = true;
                            typed.DataIsNull = value is null;
                        }),
            ];
            if (errorProperty.Length > 0)
            {
                properties.Add(Property<T, ConnectorError>(
                    options,
                    nameof(Envelope<T>.Error),
                    errorProperty,
                    static envelope => ((Envelope<T>)envelope).Error!,
                    static (envelope, value) =>
                    {
                        var typed = (Envelope<T>)envelope;
                        typed.Error = value;
                        typed.HasError = value is not null;
                    }));
            }

            if (withValues)
            {
                // Everything else at the top level, kept as JSON for ConnectorPage.TryGetValue.
                var others = Property<T, Dictionary<string, JsonElement>>(
                    options,
                    nameof(EnvelopeWithValues<T>.Values),
                    nameof(EnvelopeWithValues<T>.Values),
                    static envelope => ((EnvelopeWithValues<T>)envelope).Values!,
                    static (envelope, values) => ((EnvelopeWithValues<T>)envelope).Values = values);
                others.IsExtensionData = true;
                properties.Add(others);
            }

            return [.. properties];
        }

        /// <summary>
        /// A value type cannot hold JSON null, yet <c>{"data": null}</c> means empty: such a payload is
        /// read through a box that is null for a null token. Value types are small, so the box's
        /// converter buffering them costs nothing; reference types keep the streaming path.
        /// </summary>
        private static JsonPropertyInfo CreateBoxedDataProperty<T>(JsonSerializerOptions options, string dataProperty) =>
            Property<T, PayloadBox<T>>(
                options,
                nameof(Envelope<T>.Data),
                dataProperty,
                static envelope => ((Envelope<T>)envelope) is { DataIsNull: false } typed ? new PayloadBox<T>(typed.Data!) : null!,
                static (envelope, box) =>
                {
                    var typed = (Envelope<T>)envelope;
                    typed.Data = box is null ? default : box.Value;
                    typed.HasData = true;
                    typed.DataIsNull = box is null;
                });

        /// <summary>One property of <see cref="Envelope{T}"/>, described as the source generator would.</summary>
        private static JsonPropertyInfo Property<T, TValue>(JsonSerializerOptions options, string name, string jsonName, Func<object, TValue> getter, Action<object, TValue> setter) =>
            JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<TValue>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(Envelope<T>),
                PropertyName = name,
                JsonPropertyName = jsonName,
                Getter = getter,
                Setter = setter!,
            });

        private static bool IsNonNullableValueType<T>() => typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null;

        private sealed record Shape(string DataProperty, string ErrorProperty, bool WithValues, JsonTypeInfo TypeInfo);
    }
}
