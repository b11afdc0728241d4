using System.Collections;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Tells whether a data object came back with every member at its default: the mark of JSON names that did
/// not match the type's (a source-generated context without <c>JsonSerializerDefaults.Web</c> reading
/// <c>{"id": 1}</c> into <c>Id = 0</c>). Only asked when the Debug log is on, so it costs nothing otherwise.
/// </summary>
internal static class DefaultMembers
{
    /// <summary>True when <paramref name="value"/> is an object with at least one readable member, all at the value a fresh instance (or <c>default</c>) has.</summary>
    public static bool AllDefault<T>(JsonTypeInfo<T> typeInfo, T? value)
    {
        try
        {
            return AllDefaultCore(typeInfo, value);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A diagnostic only: a getter or constructor that throws on defaults must not fail the call.
            return false;
        }
    }

    private static bool AllDefaultCore<T>(JsonTypeInfo<T> typeInfo, T? value)
    {
        if (value is null || typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return false;
        }

        // A fresh instance gives the defaults a constructor or initializer sets; without a parameterless one, default(T) of each member.
        var fresh = ((JsonTypeInfo)typeInfo).CreateObject?.Invoke();
        var members = 0;
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }

            members++;
            var actual = get(value);
            if (fresh is null ? !IsDefault(actual) : !Same(actual, get(fresh)))
            {
                return false;
            }
        }

        return members > 0;
    }

    private static bool Same(object? actual, object? expected) =>
        Equals(actual, expected) || (actual is ICollection { Count: 0 } && expected is ICollection { Count: 0 });

    /// <summary>True for null, zero, false, empty and the default of the common value types; an unknown struct counts as set (no false alarm).</summary>
    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        short s => s == 0,
        byte b => b == 0,
        uint u => u == 0,
        ulong u => u == 0,
        ushort u => u == 0,
        sbyte s => s == 0,
        double d => d == 0,
        float f => f == 0,
        decimal m => m == 0,
        char c => c == '\0',
        Guid g => g == Guid.Empty,
        DateTime t => t == default,
        DateTimeOffset t => t == default,
        DateOnly d => d == default,
        TimeOnly t => t == default,
        TimeSpan t => t == TimeSpan.Zero,
        Enum e => ((IConvertible)e).ToDecimal(CultureInfo.InvariantCulture) == 0,
        _ => false,
    };
}
