using System.CommandLine;
using CustomConnector.Cli.Definitions;

namespace CustomConnector.Cli.Commands;

/// <summary>The options that say which connector definition to load: shared by send, page, preview and validate.</summary>
internal sealed class DefinitionOptions
{
    public Option<string> Definition { get; } = new("--definition", "-d")
    {
        Description = "The connector definition: a JSON file holding one connector's settings (BaseAddress, Authentication, Endpoints), as AddCustomConnector binds them.",
        Required = true,
        HelpName = "file",
    };

    public Option<string?> Name { get; } = new("--name")
    {
        Description = "The connector's name (default: the file name without .connector.json or .json); its environment variables start with it in capitals, such as WINGS_.",
    };

    public Option<string?> Section { get; } = new("--section")
    {
        Description = "Read the connector from this section of the file, such as Connectors:Wings (an appsettings.json); environment variables then have no prefix, as in a host.",
    };

    public Option<string[]> Secret { get; } = new("--secret", "-s")
    {
        Description = "A secret as name=value (repeatable): Password, Token, ApiKeyValue, ClientSecret (or any key such as Authentication:Username). Otherwise secrets come from the environment.",
        HelpName = "name=value",
    };

    public Option<string?> BaseAddress { get; } = new("--base-address")
    {
        Description = "Use this base address instead of the definition's (for example a local or staging server).",
        HelpName = "uri",
    };

    public void AddTo(Command command)
    {
        command.Add(Definition);
        command.Add(Name);
        command.Add(Section);
        command.Add(Secret);
        command.Add(BaseAddress);
    }

    /// <exception cref="UsageException">A secret or the base address is malformed.</exception>
    public DefinitionSource Read(ParseResult parseResult)
    {
        Uri? baseAddress = null;
        if (parseResult.GetValue(BaseAddress) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out baseAddress))
        {
            throw new UsageException($"--base-address '{text}' is not an absolute URI. Pass one such as https://api.example.com/v1/.");
        }

        return new DefinitionSource(
            parseResult.GetRequiredValue(Definition),
            parseResult.GetValue(Name),
            parseResult.GetValue(Section),
            KeyValues.Parse(parseResult.GetValue(Secret), "--secret"),
            baseAddress);
    }
}
