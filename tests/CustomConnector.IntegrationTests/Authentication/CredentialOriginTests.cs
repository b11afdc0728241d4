namespace CustomConnector.IntegrationTests;

/// <summary>
/// Credentials go to the base address's origin and to origins the options trust, and nowhere
/// else, even when an endpoint names another origin outright.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class CredentialOriginTests(TestServerFixture servers)
{
    private const string Data = """{"data": {"id": 1, "name": "wing"}}""";

    private LoopbackServer Primary => servers.Primary;

    private LoopbackServer Secondary => servers.Secondary;

    public static TheoryData<CredentialKind> Kinds() => new(Enum.GetValues<CredentialKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task SendAsync_AbsoluteEndpointOnAnotherOrigin_SendsNoCredentials(CredentialKind kind)
    {
        var ownPath = Primary.Map(Reply.Json(200, Data));
        var foreignPath = Secondary.Map(Reply.Json(200, Data));
        using var client = servers.CreateClient(options => options.Authentication = Credentials.Create(kind));

        var own = await client.SendAsync(ConnectorEndpoint.Get(ownPath).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();
        var foreign = await client.SendAsync(ConnectorEndpoint.Get(Secondary.Url(foreignPath).ToString()).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(own.IsData);
        Assert.True(foreign.IsData);
        Assert.Equal(Credentials.Expected(kind), Credentials.Observed(Assert.Single(Primary.RequestsTo(ownPath)), kind));
        Credentials.AssertNone(Assert.Single(Secondary.RequestsTo(foreignPath)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task SendAsync_AbsoluteEndpointOnTrustedOrigin_SendsCredentials(CredentialKind kind)
    {
        var foreignPath = Secondary.Map(Reply.Json(200, Data));
        using var client = servers.CreateClient(options =>
        {
            options.Authentication = Credentials.Create(kind);
            // Only scheme, host and port count; the path is there to show that.
            options.TrustedOrigins.Add(Secondary.Url("/some/unrelated/path"));
        });

        var result = await client.SendAsync(ConnectorEndpoint.Get(Secondary.Url(foreignPath).ToString()).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        Assert.Equal(Credentials.Expected(kind), Credentials.Observed(Assert.Single(Secondary.RequestsTo(foreignPath)), kind));
    }

    [Fact]
    public async Task SendAsync_SameHostOtherPort_IsAnotherOrigin()
    {
        // Both servers are 127.0.0.1: only the port differs, and that is enough to withhold credentials.
        Assert.Equal(Primary.BaseAddress.Host, Secondary.BaseAddress.Host);
        Assert.NotEqual(Primary.BaseAddress.Port, Secondary.BaseAddress.Port);
        var foreignPath = Secondary.Map(Reply.Json(200, Data));
        using var client = servers.CreateClient(options => options.Authentication = Credentials.Create(CredentialKind.Basic));

        await client.SendAsync(ConnectorEndpoint.Get(Secondary.Url(foreignPath).ToString()).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Null(Assert.Single(Secondary.RequestsTo(foreignPath)).Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_EndpointWithoutAuthentication_SendsNoCredentialsToTheOrigin()
    {
        var path = Primary.Map(Reply.Json(200, Data));
        using var client = servers.CreateClient(options => options.Authentication = Credentials.Create(CredentialKind.Bearer));

        await client.SendAsync(ConnectorEndpoint.Get(path).WithoutAuthentication().Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Null(Assert.Single(Primary.RequestsTo(path)).Header("Authorization"));
    }
}
