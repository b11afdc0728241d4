using System.Text.Json;

namespace CustomConnector.Cli.Tests.Commands;

[Collection(CliServerFixture.Name)]
public sealed class PageCommandTests(CliServer server) : IDisposable
{
    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Page_PagedEndpoint_WritesEveryItemOnceAsJsonLines()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("page", "-d", definition, "-e", "listWings");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ids = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(2000, CliServer.WingCount), ids);

        // stderr is not a terminal here: no progress line.
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Page_MaxItems_StopsAfterThatMany()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("page", "-d", definition, "-e", "listWings", "--max-items", "12");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(12, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Page_StderrIsTerminal_WritesProgress()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));
        _cli.ErrorIsTerminal = true;

        var run = await _cli.RunAsync("page", "-d", definition, "-e", "listWings");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"3 pages, {CliServer.WingCount} items, ", run.Error, StringComparison.Ordinal);
        Assert.Equal(CliServer.WingCount, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Page_ErrorPage_ExitsThree()
    {
        var definition = _cli.Write("wings.json", WingsDefinitions.Wings(server.Api));

        var run = await _cli.RunAsync("page", "-d", definition, "-e", "getWing", "-p", "id=404");

        Assert.True(run.ExitCode == 3, run.ToString());
    }
}
