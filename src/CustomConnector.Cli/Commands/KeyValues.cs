namespace CustomConnector.Cli.Commands;

/// <summary>Parses repeatable <c>name=value</c> options.</summary>
internal static class KeyValues
{
    /// <exception cref="UsageException">An entry has no <c>=</c> or no name.</exception>
    public static List<KeyValuePair<string, string>> Parse(string[]? entries, string option)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The entry may be a secret: never echo it.
                throw new UsageException($"{option} takes name=value (such as {option} id=1001); one of its values has no name or no '='.");
            }

            list.Add(new(entry[..equals].Trim(), entry[(equals + 1)..]));
        }

        return list;
    }
}
