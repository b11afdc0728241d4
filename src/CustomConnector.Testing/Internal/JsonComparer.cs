using System.Text.Json;

namespace CustomConnector.Testing.Internal;

/// <summary>
/// Compares two JSON values by meaning: object properties in any order, arrays in order, numbers by
/// value (<c>1.0</c> equals <c>1</c>). JsonElement.DeepEquals does this from .NET 9 on; this also runs on .NET 8.
/// </summary>
internal static class JsonComparer
{
    public static bool Equal(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.Object:
                var leftCount = 0;
                foreach (var property in left.EnumerateObject())
                {
                    leftCount++;
                    if (!right.TryGetProperty(property.Name, out var other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                var rightCount = 0;
                foreach (var unused in right.EnumerateObject())
                {
                    rightCount++;
                }

                return leftCount == rightCount;
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var l = left.EnumerateArray())
                using (var r = right.EnumerateArray())
                {
                    while (l.MoveNext() && r.MoveNext())
                    {
                        if (!Equal(l.Current, r.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.String:
                return string.Equals(left.GetString(), right.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b)
                    ? a == b
                    : left.GetDouble().Equals(right.GetDouble());
            default:
                return true;
        }
    }
}
