namespace CustomConnector.Cli.Output;

/// <summary>ANSI colour for the result kind, only when stdout is a terminal (and <c>NO_COLOR</c> is unset).</summary>
internal static class ConsoleStyle
{
    public static string Kind(string label, ConsoleColor color, bool enabled)
    {
        if (!enabled)
        {
            return label;
        }

        var code = color switch
        {
            ConsoleColor.Green => "32",
            ConsoleColor.Yellow => "33",
            ConsoleColor.Red => "31",
            _ => "0",
        };
        return $"\u001b[1;{code}m{label}\u001b[0m";
    }
}
