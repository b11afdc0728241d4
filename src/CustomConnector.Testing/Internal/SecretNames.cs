namespace CustomConnector.Testing.Internal;

/// <summary>
/// Tells which header and query names look like they carry credentials, so that assertion messages
/// and <c>ToString()</c> never print their values (test logs are often kept and shared).
/// </summary>
internal static class SecretNames
{
    private static readonly string[] Markers = ["auth", "key", "token", "secret", "password", "cookie", "signature", "sig", "credential"];

    public static bool LooksSecret(string name)
    {
        foreach (var marker in Markers)
        {
            if (name.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string Show(string name, string? value) =>
        value is null ? "(none)" : LooksSecret(name) ? $"(a value of {value.Length} characters, not shown)" : $"'{value}'";
}
