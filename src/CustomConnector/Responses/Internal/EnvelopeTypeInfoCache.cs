using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Builds, once per payload type and envelope shape, the metadata that lets System.Text.Json
/// stream <c>{"data": ..., "error": ...}</c> straight from the socket into <see cref="Envelope{T}"/>.
/// </summary>
/// <remarks>
/// The envelope is described with contract customization rather than a converter, so that the
/// payload is read incrementally as bytes arrive instead of being buffered whole first. The
/// payload's metadata comes from the caller's resolver, so source-generated contexts keep working
/// under trimming and native AOT.
/// </remarks>
internal static class EnvelopeTypeInfoCache
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, Entry> Entries = [];

    public static JsonTypeInfo<Envelope<T>> Get<T>(JsonTypeInfo<T> payloadTypeInfo, ConnectorEnvelopeOptions envelope)
    {
        var entry = Entries.GetValue(payloadTypeInfo, static info => new Entry(info));
        return entry.Get<T>(envelope.DataProperty, envelope.ErrorProperty);
    }

    private sealed class Entry(JsonTypeInfo payloadTypeInfo)
    {
        private readonly object _lock = new();
        private JsonSerializerOptions? _options;
        private Shape[] _shapes = [];

        public JsonTypeInfo<Envelope<T>> Get<T>(string dataProperty, string errorProperty)
        {
            foreach (var shape in Volatile.Read(ref _shapes))
            {
                if (string.Equals(shape.DataProperty, dataProperty, StringComparison.Ordinal)
                    && string.Equals(shape.ErrorProperty, errorProperty, StringComparison.Ordinal))
                {
                    return (JsonTypeInfo<Envelope<T>>)shape.TypeInfo;
                }
            }

            lock (_lock)
            {
                var options = _options ??= CreateOptions((JsonTypeInfo<T>)payloadTypeInfo);
                var typeInfo = Create<T>(options, dataProperty, errorProperty);
                Volatile.Write(ref _shapes, [.. _shapes, new Shape(dataProperty, errorProperty, typeInfo)]);
                return typeInfo;
            }
        }

        private static JsonSerializerOptions CreateOptions<T>(JsonTypeInfo<T> payloadTypeInfo)
        {
            // The caller's resolver describes the payload; ours describes ConnectorError.
            var payloadOptions = payloadTypeInfo.Options;
            var resolver = payloadOptions.TypeInfoResolver is { } callerResolver
                ? JsonTypeInfoResolver.Combine(callerResolver, ConnectorJsonContext.Default)
                : ConnectorJsonContext.Default;
            if (IsNonNullableValueType<T>())
            {
                resolver = JsonTypeInfoResolver.Combine(new PayloadBoxResolver<T>(payloadTypeInfo), resolver);
            }

            var options = new JsonSerializerOptions(payloadOptions) { TypeInfoResolver = resolver };
            options.MakeReadOnly();
            return options;
        }

        private static JsonTypeInfo<Envelope<T>> Create<T>(JsonSerializerOptions options, string dataProperty, string errorProperty)
        {
            // JsonMetadataServices is what the source generator emits: trimming and AOT safe.
            var values = new JsonObjectInfoValues<Envelope<T>>
            {
                ObjectCreator = static () => new Envelope<T>(),
                PropertyMetadataInitializer = _ => CreateProperties<T>(options, dataProperty, errorProperty),
            };
            var typeInfo = JsonMetadataServices.CreateObjectInfo(options, values);
            typeInfo.MakeReadOnly();
            return typeInfo;
        }

        private static JsonPropertyInfo[] CreateProperties<T>(JsonSerializerOptions options, string dataProperty, string errorProperty)
        {
            var data = IsNonNullableValueType<T>()
                ? CreateBoxedDataProperty<T>(options, dataProperty)
                : JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<T>
                {
                    IsProperty = true,
                    IsPublic = true,
                    DeclaringType = typeof(Envelope<T>),
                    PropertyName = nameof(Envelope<T>.Data),
                    JsonPropertyName = dataProperty,
                    Getter = static envelope => ((Envelope<T>)envelope).Data!,
                    Setter = static (envelope, value) =>
                    {
                        var typed = (Envelope<T>)envelope;
                        typed.Data = value;
                        typed.HasData = true;
                        typed.DataIsNull = value is null;
                    },
                });
            if (errorProperty.Length == 0)
            {
                return [data];
            }

            var error = JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<ConnectorError>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(Envelope<T>),
                PropertyName = nameof(Envelope<T>.Error),
                JsonPropertyName = errorProperty,
                Getter = static envelope => ((Envelope<T>)envelope).Error!,
                Setter = static (envelope, value) =>
                {
                    var typed = (Envelope<T>)envelope;
                    typed.Error = value;
                    typed.HasError = value is not null;
                },
            });
            return [data, error];
        }

        /// <summary>
        /// A value type cannot hold JSON null, yet <c>{"data": null}</c> means empty: such a payload is
        /// read through a box that is null for a null token. Value types are small, so the box's
        /// converter buffering them costs nothing; reference types keep the streaming path.
        /// </summary>
        private static JsonPropertyInfo CreateBoxedDataProperty<T>(JsonSerializerOptions options, string dataProperty) =>
            JsonMetadataServices.CreatePropertyInfo(options, new JsonPropertyInfoValues<PayloadBox<T>>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeof(Envelope<T>),
                PropertyName = nameof(Envelope<T>.Data),
                JsonPropertyName = dataProperty,
                Getter = static envelope => ((Envelope<T>)envelope) is { DataIsNull: false } typed ? new PayloadBox<T>(typed.Data!) : null!,
                Setter = static (envelope, box) =>
                {
                    var typed = (Envelope<T>)envelope;
                    typed.Data = box is null ? default : box.Value;
                    typed.HasData = true;
                    typed.DataIsNull = box is null;
                },
            });

        private static bool IsNonNullableValueType<T>() => typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null;

        private sealed record Shape(string DataProperty, string ErrorProperty, JsonTypeInfo TypeInfo);
    }
}
