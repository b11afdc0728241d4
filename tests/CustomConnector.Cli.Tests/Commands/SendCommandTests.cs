using System.Text.Json;

namespace CustomConnector.Cli.Tests.Commands;

[Collection(CliServerFixture.Name)]
public sealed class SendCommandTests(CliServer server) : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Send_DataResult_ShowsKindStatusAttemptsHeadersAndPrettyBody()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("send", "--definition", definition, "--endpoint", "getWing", "--param", "id=1001");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n');
        Assert.Equal($"GET {server.Api}wings/1001", lines[0]);
        Assert.StartsWith("DATA  200 OK  ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("1 attempt", lines[1], StringComparison.Ordinal);
        Assert.True(lines.Contains("X-Request-ID: req-42"), run.ToString());
        Assert.Contains("Set-Cookie: REDACTED", lines);
        Assert.Contains("  \"name\": \"Kestrel\",", lines);
        Secrets.AssertNoneIn(run.Out + run.Error);
    }

    [Fact]
    public async Task Send_OutputJson_PrintsOneParsableDocument()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("send", "-d", definition, "-e", "getWing", "-p", "id=1001", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = run.Json();
        var root = json.RootElement;
        Assert.Equal("data", root.GetProperty("kind").GetString());
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal(1, root.GetProperty("attempts").GetInt32());
        Assert.True(root.GetProperty("elapsedMs").GetDouble() >= 0);
        Assert.Equal(1001, root.GetProperty("data").GetProperty("id").GetInt32());
        Assert.Equal("REDACTED", root.GetProperty("headers").GetProperty("Set-Cookie").GetString());
        Assert.Equal($"{server.Api}wings/1001", root.GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Send_TransientFailureThenData_ReportsEveryAttempt()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api).Replace(
            "\"Resilience\": { \"Enabled\": false }",
            "\"Resilience\": { \"MaxRetries\": 2, \"BaseDelay\": \"00:00:00.010\", \"MaxDelay\": \"00:00:00.050\" }",
            StringComparison.Ordinal).Replace("\"echo\": { \"Path\": \"echo\" }", "\"echo\": { \"Path\": \"echo\" }, \"flaky\": { \"Path\": \"flaky/{key}\" }", StringComparison.Ordinal));

        var run = await _cli.RunAsync("send", "-d", definition, "-e", "flaky", "-p", "key=" + Guid.NewGuid().ToString("N"), "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = run.Json();
        Assert.Equal(2, document.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal("data", document.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Send_EmptyResult_ExitsZeroAndSaysEmpty()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("send", "-d", definition, "-e", "empty");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("EMPTY  204 No Content", run.Out.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ErrorResult_ExitsThreeWithCodeAndDescription()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var text = await _cli.RunAsync("send", "-d", definition, "-e", "getWing", "-p", "id=404");
        var json = await _cli.RunAsync("send", "-d", definition, "-e", "getWing", "-p", "id=404", "-o", "json");

        Assert.True(text.ExitCode == 3, text.ToString());
        Assert.StartsWith("ERROR  404 Not Found", text.Out.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains("error 404: Wing 404 was not found. (NotFoundException)", text.Out, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        using var document = json.Json();
        Assert.Equal("error", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Wing 404 was not found.", document.RootElement.GetProperty("error").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Send_Timeout_ExitsFour()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api, extra: "\"Timeout\": \"00:00:00.300\","));

        var run = await _cli.RunAsync("send", "-d", definition, "-e", "slow", "-o", "json");

        Assert.True(run.ExitCode == 4, run.ToString());
        using var document = run.Json();
        Assert.Equal("timeout", document.RootElement.GetProperty("kind").GetString());
        Assert.StartsWith("timeout: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ConnectionRefused_ExitsFour()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var run = await _cli.RunAsync("send", "-d", definition, "-e", "getWing", "-p", "id=1001", "--base-address", "http://127.0.0.1:1/v1/");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.StartsWith("network: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BodyBreaksTheEnvelope_ExitsFive()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("send", "-d", definition, "-e", "broken");

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.StartsWith("format: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", "-d", "wings.json", "-e", "nosuchEndpoint")]
    [InlineData("send", "-d", "missing.json", "-e", "getWing")]
    [InlineData("send", "-d", "wings.json")]
    [InlineData("send", "-d", "wings.json", "-e", "getWing", "-p", "id")]
    [InlineData("send", "-d", "wings.json", "-e", "createWing", "--body", "{not json")]
    [InlineData("send", "-d", "wings.json", "-e", "getWing", "--unknown-option")]
    [InlineData("frobnicate")]
    public async Task Send_UsageOrDefinitionError_ExitsTwo(params string[] args)
    {
        _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEmpty(run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Send_BodyFromFileAndFromStdin_PostsTheJson()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));
        var body = _cli.Write("wing.json", """{ "name": "Harrier", "span": 9 }""");

        var fromFile = await _cli.RunAsync("send", "-d", definition, "-e", "createWing", "--body", "@" + body, "-o", "json");
        var fromStdin = await _cli.RunWithInputAsync("""{ "name": "Merlin" }""", "send", "-d", definition, "-e", "createWing", "--body", "-", "-o", "json");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        using (var document = fromFile.Json())
        {
            Assert.Equal("Harrier", document.RootElement.GetProperty("data").GetProperty("created").GetProperty("name").GetString());
            Assert.Equal(201, document.RootElement.GetProperty("status").GetInt32());
        }

        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        using (var document = fromStdin.Json())
        {
            Assert.Equal("Merlin", document.RootElement.GetProperty("data").GetProperty("created").GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData("send")]
    [InlineData("page")]
    [InlineData("preview")]
    [InlineData("validate")]
    [InlineData("import", "openapi")]
    public async Task Help_EveryCommand_ShowsUsageAndExamples(params string[] command)
    {
        var run = await _cli.RunAsync([.. command, "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Examples:", run.Out, StringComparison.Ordinal);
        Assert.Contains("customconnector " + string.Join(' ', command), run.Out, StringComparison.Ordinal);
    }
}
