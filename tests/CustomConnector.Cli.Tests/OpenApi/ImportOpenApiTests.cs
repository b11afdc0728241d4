using System.Text.Json;

namespace CustomConnector.Cli.Tests.OpenApi;

[Collection(CliServerFixture.Name)]
public sealed class ImportOpenApiTests(CliServer server) : IDisposable
{
    private static readonly JsonDocumentOptions WithComments = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Cli _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, SecretKind> Documents => new()
    {
        { "wings-basic.yaml", SecretKind.Basic },
        { "wings-bearer.json", SecretKind.Bearer },
        { "wings-apikey-header.yaml", SecretKind.ApiKeyHeader },
        { "wings-apikey-query.json", SecretKind.ApiKeyQuery },
        { "wings-oauth.yaml", SecretKind.OAuth2 },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Import_RealWorldShapedDocument_ValidatesAndSendCallsTheServer(string document, SecretKind kind)
    {
        var import = await _cli.RunAsync("import", "openapi", TestData(document), "--base-address", server.Api.AbsoluteUri, "--output", "wings.json");
        Assert.True(import.ExitCode == 0, import.ToString());

        _cli.WithSecrets(kind);
        if (kind == SecretKind.OAuth2)
        {
            // The document's token URL is the real provider's; point it at the test server, as any key can be.
            _cli.WithVariable("WINGS_Authentication__TokenEndpoint", server.TokenEndpoint.AbsoluteUri);
        }

        var validate = await _cli.RunAsync("validate", "-d", "wings.json");
        var before = server.Credentials.Count;
        var send = await _cli.RunAsync("send", "-d", "wings.json", "-e", "getWing", "-p", "id=1001", "-o", "json");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.True(send.ExitCode == 0, send.ToString());
        using var result = send.Json();
        Assert.Equal("Kestrel", result.RootElement.GetProperty("data").GetProperty("name").GetString());
        Assert.Contains(WingsDefinitions.Expected(kind), server.Credentials.Skip(before));
        Secrets.AssertNoneIn(import.Out + import.Error + validate.Out + validate.Error + send.Out + send.Error + _cli.Read("wings.json"));
    }

    [Fact]
    public async Task Import_BasicYaml_MapsServersOperationsParametersBodyAndPaging()
    {
        var run = await _cli.RunAsync("import", "openapi", TestData("wings-basic.yaml"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out, WithComments);
        var root = json.RootElement;
        Assert.Equal("https://api.example.com/v1/", root.GetProperty("BaseAddress").GetString());
        Assert.Equal("Basic", root.GetProperty("Authentication").GetProperty("Type").GetString());
        var endpoints = root.GetProperty("Endpoints");
        Assert.Equal(["listWings", "createWing", "getWing", "replaceWing", "updateWing", "deleteWing", "echo", "getStatus"], endpoints.EnumerateObject().Select(p => p.Name));
        Assert.Equal("wings/{id}", endpoints.GetProperty("getWing").GetProperty("Path").GetString());
        Assert.Equal("POST", endpoints.GetProperty("createWing").GetProperty("Method").GetString());
        var paging = endpoints.GetProperty("listWings").GetProperty("Pagination");
        Assert.Equal("PageNumber", paging.GetProperty("Type").GetString());
        Assert.Equal("page", paging.GetProperty("PageParameter").GetString());
        Assert.Equal("totalPages", paging.GetProperty("TotalPagesPath").GetString());
        Assert.Equal("pageSize", paging.GetProperty("PageSizeParameter").GetString());
        Assert.Contains("/* JSON body, required (pass --body @file.json). */", run.Out, StringComparison.Ordinal);
        Assert.Contains("/* Path parameters: id (pass --param name=...). */", run.Out, StringComparison.Ordinal);

        // What could not be mapped is listed on stderr and in the file, never dropped.
        Assert.Contains("not mapped: HEAD /wings/{id} (checkWing): connector definitions support GET, POST, PUT, PATCH and DELETE only.", run.Error, StringComparison.Ordinal);
        Assert.Contains("not mapped: GET /status (getStatus): needs no authentication", run.Error, StringComparison.Ordinal);
        Assert.Contains("not mapped: servers after the first (https://sandbox.example.com/v1)", run.Error, StringComparison.Ordinal);
        Assert.Contains("/* Not mapped: HEAD /wings/{id} (checkWing)", run.Out, StringComparison.Ordinal);
        Assert.Contains("secret: set CONNECTOR_Authentication__Password or pass --secret Password=...", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_PutPatchAndDelete_BecomeEndpointsWithTheirMethodAndBodyMarker()
    {
        var run = await _cli.RunAsync("import", "openapi", TestData("wings-basic.yaml"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out, WithComments);
        var endpoints = json.RootElement.GetProperty("Endpoints");
        Assert.Equal("PUT", endpoints.GetProperty("replaceWing").GetProperty("Method").GetString());
        Assert.Equal("PATCH", endpoints.GetProperty("updateWing").GetProperty("Method").GetString());
        Assert.Equal("DELETE", endpoints.GetProperty("deleteWing").GetProperty("Method").GetString());
        Assert.Equal("wings/{id}", endpoints.GetProperty("deleteWing").GetProperty("Path").GetString());
        Assert.False(endpoints.GetProperty("deleteWing").TryGetProperty("Pagination", out _));
        Assert.Equal(2, run.Out.Split("/* JSON body, required (pass --body @file.json). */").Length - 1);
        Assert.Contains("/* JSON body (pass --body @file.json). */", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("deleteWing): connector definitions support", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wings-bearer.json", "FullPath", "NextPath", "links.next")]
    [InlineData("wings-apikey-header.yaml", "Offset", "TotalPath", "meta.total")]
    [InlineData("wings-apikey-query.json", "LinkHeader", "PageSizeParameter", "per_page")]
    [InlineData("wings-oauth.yaml", "Cursor", "CursorPath", "paging.nextCursor")]
    public async Task Import_PagedList_GuessesPaginationFromItsShape(string document, string type, string key, string value)
    {
        var run = await _cli.RunAsync("import", "openapi", TestData(document));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out, WithComments);
        var paging = json.RootElement.GetProperty("Endpoints").GetProperty("listWings").GetProperty("Pagination");
        Assert.Equal(type, paging.GetProperty("Type").GetString());
        Assert.Equal(value, paging.GetProperty(key).GetString());
    }

    [Fact]
    public async Task Import_UnclearPagingSecuritySchemesAndBodies_AreListedNotDropped()
    {
        var query = await _cli.RunAsync("import", "openapi", TestData("wings-apikey-query.json"));
        var oauth = await _cli.RunAsync("import", "openapi", TestData("wings-oauth.yaml"));
        var bearer = await _cli.RunAsync("import", "openapi", TestData("wings-bearer.json"));

        Assert.Contains("not mapped: GET /feed (getFeed): returns a list and takes size, but how it pages is not plain", query.Error, StringComparison.Ordinal);
        Assert.Contains("not mapped: security scheme 'oauth': OAuth2 flows other than clientCredentials", oauth.Error, StringComparison.Ordinal);
        Assert.Contains("not mapped: security scheme 'sessionCookie' (apiKey in Cookie)", oauth.Error, StringComparison.Ordinal);
        Assert.Contains("not mapped: POST /wings/search (searchWings): its body is application/x-www-form-urlencoded, not JSON", bearer.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(bearer.Out, WithComments);
        Assert.Equal("https://eu.api.example.com/v2/", json.RootElement.GetProperty("BaseAddress").GetString());
        Assert.Equal("all", json.RootElement.GetProperty("Endpoints").GetProperty("getWing").GetProperty("Query").GetProperty("fields").GetString());
        using var oauthJson = JsonDocument.Parse(oauth.Out, WithComments);
        var authentication = oauthJson.RootElement.GetProperty("Authentication");
        Assert.Equal("https://auth.example.com/oauth/token", authentication.GetProperty("TokenEndpoint").GetString());
        Assert.Equal("wings.read wings.write", authentication.GetProperty("Scope").GetString());
    }

    [Fact]
    public async Task Import_Tag_KeepsOnlyThatTagsOperations()
    {
        var run = await _cli.RunAsync("import", "openapi", TestData("wings-basic.yaml"), "--tag", "diagnostics");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out, WithComments);
        Assert.Equal(["echo", "getStatus"], json.RootElement.GetProperty("Endpoints").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Import_FromUrl_ThenPage_YieldsEveryItemOnce()
    {
        var import = await _cli.RunAsync("import", "openapi", new Uri(server.BaseAddress, "docs/wings-basic.yaml").AbsoluteUri, "--base-address", server.Api.AbsoluteUri, "-o", "wings.json");
        _cli.WithSecrets(SecretKind.Basic);

        var page = await _cli.RunAsync("page", "-d", "wings.json", "-e", "listWings");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(page.ExitCode == 0, page.ToString());
        var ids = page.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt32());
        Assert.Equal(Enumerable.Range(2000, CliServer.WingCount), ids);
    }

    [Theory]
    [InlineData("not-openapi.yaml")]
    [InlineData("missing.yaml")]
    public async Task Import_NotAnOpenApiDocument_ExitsTwo(string document)
    {
        var run = await _cli.RunAsync("import", "openapi", TestData(document));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("usage: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OutputIntoMissingDirectory_ExitsTwo()
    {
        var run = await _cli.RunAsync("import", "openapi", TestData("wings-basic.yaml"), "-o", Path.Combine("no", "such", "dir", "wings.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("usage: ", run.Error.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
