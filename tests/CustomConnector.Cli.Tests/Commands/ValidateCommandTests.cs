namespace CustomConnector.Cli.Tests.Commands;

[Collection(CliServerFixture.Name)]
public sealed class ValidateCommandTests(CliServer server) : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Validate_ValidDefinition_ExitsZero()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, SecretKind.Basic));
        _cli.WithSecrets(SecretKind.Basic);

        var run = await _cli.RunAsync("validate", "-d", definition);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("wings.json: valid (connector 'wings'", run.Out, StringComparison.Ordinal);
        Secrets.AssertNoneIn(run.Out + run.Error);
    }

    [Fact]
    public async Task Validate_StartupProblems_ListsEachByPathAndExitsTwo()
    {
        var definition = _cli.Write("wings.json", $$"""
            {
              "BaseAdress": "{{server.Api}}",
              "Authentication": { "Type": "OAuth2ClientCredentials", "TokenEndpoint": "{{server.TokenEndpoint}}", "ClientId": "cli-client" },
              "Endpoints": { "traceWing": { "Method": "TRACE", "Path": "wings/{id}" } }
            }
            """);

        var run = await _cli.RunAsync("validate", "-d", definition);
        var json = await _cli.RunAsync("validate", "-d", definition, "-o", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("wings:BaseAdress is not a known setting; did you mean BaseAddress?", run.Out, StringComparison.Ordinal);
        Assert.Contains("wings:Authentication:ClientSecret is required", run.Out, StringComparison.Ordinal);
        Assert.Contains("set WINGS_Authentication__ClientSecret or pass --secret ClientSecret=...", run.Out, StringComparison.Ordinal);
        Assert.Contains("wings:Endpoints:traceWing:Method is 'TRACE'", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration problems:", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, json.ExitCode);
        using var document = json.Json();
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        Assert.True(document.RootElement.GetProperty("problems").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task Validate_SectionOfAnAppSettingsFile_UsesItsPathAndUnprefixedVariables()
    {
        var settings = _cli.Write("appsettings.json", $$"""{ "Connectors": { "Wings": {{WingsDefinitions.Wings(server.Api, SecretKind.Bearer)}} } }""");

        var missing = await _cli.RunAsync("validate", "-d", settings, "--section", "Connectors:Wings");
        _cli.WithVariable("Connectors__Wings__Authentication__Token", Secrets.BearerToken);
        var valid = await _cli.RunAsync("validate", "-d", settings, "--section", "Connectors:Wings");

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("Connectors:Wings:Authentication:Token is required", missing.Out, StringComparison.Ordinal);
        Assert.True(valid.ExitCode == 0, valid.ToString());
    }

    [Fact]
    public async Task Validate_SecretWrittenInTheFile_Warns()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api).Replace("\"Endpoints\"", """ "Authentication": { "Type": "Bearer", "Token": "in-file-token" }, "Endpoints" """, StringComparison.Ordinal));

        var run = await _cli.RunAsync("validate", "-d", definition);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: wings.json holds a value for Authentication:Token", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("in-file-token", run.Out + run.Error, StringComparison.Ordinal);
    }
}
