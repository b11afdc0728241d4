namespace CustomConnector.Cli.Tests.Commands;

/// <summary>Every secret kind is sent to the API, and none is ever printed: not by send, preview, their JSON output, or errors.</summary>
[Collection(CliServerFixture.Name)]
public sealed class SecretMaskingTests(CliServer server) : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<SecretKind> Kinds => [SecretKind.Basic, SecretKind.Bearer, SecretKind.ApiKeyHeader, SecretKind.ApiKeyQuery, SecretKind.OAuth2];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Send_EverySecretKind_IsSentButNeverPrinted(SecretKind kind)
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, kind, server.TokenEndpoint));
        _cli.WithSecrets(kind);
        var before = server.Credentials.Count;

        // The echo endpoint sends the credential back in the body: the body is masked too.
        var text = await _cli.RunAsync("send", "-d", definition, "-e", "echo");
        var json = await _cli.RunAsync("send", "-d", definition, "-e", "echo", "-o", "json");
        var error = await _cli.RunAsync("send", "-d", definition, "-e", "getWing", "-p", "id=404", "-o", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(error.ExitCode == 3, error.ToString());
        Assert.Contains(WingsDefinitions.Expected(kind), server.Credentials.Skip(before));
        Assert.Contains("REDACTED", text.Out, StringComparison.Ordinal);
        using var document = json.Json();
        Secrets.AssertNoneIn(text.Out + text.Error + json.Out + json.Error + error.Out + error.Error);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Preview_EverySecretKind_ShowsWhereItGoesMasked(SecretKind kind)
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, kind, server.TokenEndpoint));
        _cli.WithSecrets(kind);

        var run = await _cli.RunAsync("preview", "-d", definition, "-e", "getWing", "-p", "id=1001");
        var json = await _cli.RunAsync("preview", "-d", definition, "-e", "getWing", "-p", "id=1001", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var expected = kind switch
        {
            SecretKind.Basic => "Authorization: Basic REDACTED",
            SecretKind.Bearer or SecretKind.OAuth2 => "Authorization: Bearer REDACTED",
            SecretKind.ApiKeyHeader => "X-Api-Key: REDACTED",
            _ => $"GET {server.Api}wings/1001?api_key=REDACTED",
        };
        Assert.Contains(expected, run.Out.Split('\n'));
        Secrets.AssertNoneIn(run.Out + run.Error + json.Out + json.Error);
    }

    [Fact]
    public async Task Preview_ConfiguredSensitiveQueryParameterAndSecretFromCommandLine_AreMasked()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, SecretKind.Bearer, extra: """ "SensitiveQueryParameters": [ "x-private" ], """));

        var run = await _cli.RunAsync(
            "preview", "-d", definition, "-e", "getWing", "-p", "id=1001", "-q", "x-private=private-value", "-q", "color=red", "--secret", "Token=" + Secrets.BearerToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"GET {server.Api}wings/1001?x-private=REDACTED&color=red", run.Out.Split('\n'));
        Assert.DoesNotContain("private-value", run.Out, StringComparison.Ordinal);
        Secrets.AssertNoneIn(run.Out + run.Error);
    }
}
