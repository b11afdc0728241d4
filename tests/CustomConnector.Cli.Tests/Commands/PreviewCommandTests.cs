namespace CustomConnector.Cli.Tests.Commands;

[Collection(CliServerFixture.Name)]
public sealed class PreviewCommandTests(CliServer server) : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Preview_PostWithBody_ShowsExactRequestAndSendsNothing()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, SecretKind.OAuth2, server.TokenEndpoint));
        _cli.WithSecrets(SecretKind.OAuth2);
        var credentials = server.Credentials.Count;
        var tokens = server.TokenRequests;

        var run = await _cli.RunAsync("preview", "-d", definition, "-e", "createWing", "-q", "dryRun=true", "-H", "X-Trace=t-1", "--body", """{"name":"Harrier"}""");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal($"POST {server.Api}wings?dryRun=true", lines[0]);
        Assert.Contains("X-Trace: t-1", lines);
        Assert.Contains("Authorization: Bearer REDACTED", lines);
        Assert.Contains("Content-Type: application/json; charset=utf-8", lines);
        Assert.Equal("""{"name":"Harrier"}""", lines[^1]);
        Assert.Contains("nothing was sent", run.Error, StringComparison.Ordinal);
        Assert.Equal(credentials, server.Credentials.Count);
        Assert.Equal(tokens, server.TokenRequests);
    }

    [Fact]
    public async Task Preview_OutputJson_PrintsMethodUrlHeadersAndBody()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, SecretKind.ApiKeyHeader));
        _cli.WithSecrets(SecretKind.ApiKeyHeader);

        var run = await _cli.RunAsync("preview", "-d", definition, "-e", "getWing", "-p", "id=7", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = run.Json();
        var root = document.RootElement;
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal($"{server.Api}wings/7", root.GetProperty("url").GetString());
        Assert.Equal("REDACTED", root.GetProperty("headers").GetProperty("X-Api-Key").GetString());
        Assert.False(root.GetProperty("sent").GetBoolean());
    }
}
