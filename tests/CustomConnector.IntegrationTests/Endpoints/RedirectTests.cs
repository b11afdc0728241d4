using System.Net;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// The client follows redirects itself (its own handler has AllowAutoRedirect off): credentials and
/// custom headers stay on the connector's origin, and methods and bodies change as RFC 9110 says.
/// Two Kestrel servers on different ports are two origins.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class RedirectTests(TestServerFixture servers)
{
    private const string Target = """{"data": {"id": 7, "name": "target"}}""";

    private LoopbackServer Primary => servers.Primary;

    private LoopbackServer Secondary => servers.Secondary;

    public static TheoryData<CredentialKind, int> CredentialsAndRedirects()
    {
        var data = new TheoryData<CredentialKind, int>();
        foreach (var kind in Enum.GetValues<CredentialKind>())
        {
            foreach (var status in new[] { 301, 302, 303, 307, 308 })
            {
                data.Add(kind, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CredentialsAndRedirects))]
    public async Task SendAsync_SameOriginRedirect_KeepsCredentialsAndCustomHeaders(CredentialKind kind, int status)
    {
        var prefix = Primary.NewPrefix();
        Primary.Map($"{prefix}/start", Reply.Redirect(status, Primary.Url($"{prefix}/target?page=2").ToString()));
        Primary.Map($"{prefix}/target", Reply.Json(200, Target));
        using var client = CreateClient(kind);

        var result = await client.SendAsync(CreateEndpoint($"{prefix}/start"), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "target"), result.Data);
        var start = Assert.Single(Primary.RequestsTo($"{prefix}/start"));
        var target = Assert.Single(Primary.RequestsTo($"{prefix}/target"));
        foreach (var hop in new[] { start, target })
        {
            Assert.Equal(Credentials.Expected(kind), Credentials.Observed(hop, kind));
            Assert.Equal(Credentials.CustomHeaderValue, hop.Header(Credentials.CustomHeaderName));
            Assert.Equal(Credentials.DefaultHeaderValue, hop.Header(Credentials.DefaultHeaderName));
        }

        Assert.Equal(["2"], target.QueryValues("page"));
    }

    [Theory]
    [MemberData(nameof(CredentialsAndRedirects))]
    public async Task SendAsync_CrossOriginRedirect_FollowsWithoutAnyCredentialOrCustomHeader(CredentialKind kind, int status)
    {
        var prefix = Primary.NewPrefix();
        var targetPath = Secondary.Map(Reply.Json(200, Target));
        Primary.Map($"{prefix}/start", Reply.Redirect(status, Secondary.Url($"{targetPath}?page=2").ToString()));
        using var client = CreateClient(kind);

        var result = await client.SendAsync(CreateEndpoint($"{prefix}/start"), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "target"), result.Data);
        var start = Assert.Single(Primary.RequestsTo($"{prefix}/start"));
        Assert.Equal(Credentials.Expected(kind), Credentials.Observed(start, kind));
        Assert.Equal(Credentials.CustomHeaderValue, start.Header(Credentials.CustomHeaderName));
        var target = Assert.Single(Secondary.RequestsTo(targetPath));
        Credentials.AssertNone(target);
        Assert.Equal(["2"], target.QueryValues("page"));
    }

    [Fact]
    public async Task SendAsync_CrossOriginRedirectEchoingTheQuery_DoesNotForwardTheQueryApiKey()
    {
        // A common "moved to a new host" redirect copies the incoming query, API key included, into
        // Location. The key is the client's credential, so it must not travel to the other origin.
        var prefix = Primary.NewPrefix();
        var targetPath = Secondary.Map(Reply.Json(200, Target));
        Primary.Map($"{prefix}/start", context =>
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = Secondary.Url(targetPath) + context.Request.QueryString.Value;
            return Task.CompletedTask;
        });
        using var client = CreateClient(CredentialKind.ApiKeyQuery);
        var endpoint = ConnectorEndpoint.Get($"{prefix}/start").WithQueryParameter("page", 2).Build();

        var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "target"), result.Data);
        var start = Assert.Single(Primary.RequestsTo($"{prefix}/start"));
        Assert.Equal(Credentials.Expected(CredentialKind.ApiKeyQuery), Credentials.Observed(start, CredentialKind.ApiKeyQuery));
        var target = Assert.Single(Secondary.RequestsTo(targetPath));
        Credentials.AssertNone(target);
        Assert.Equal(["2"], target.QueryValues("page"));
    }

    [Fact]
    public async Task SendAsync_CrossOriginLocationWithAnyValueForTheKeyName_DropsTheParameter()
    {
        // The key's parameter name belongs to the client's provider: on another origin it goes whatever
        // its value, since the client cannot tell its own key re-encoded from a value of the server's.
        var prefix = Primary.NewPrefix();
        var targetPath = Secondary.Map(Reply.Json(200, Target));
        Primary.Map($"{prefix}/start", Reply.Redirect(302, Secondary.Url($"{targetPath}?api_key=issued-by-server&page=2").ToString()));
        using var client = CreateClient(CredentialKind.ApiKeyQuery);

        var result = await client.SendAsync(ConnectorEndpoint.Get($"{prefix}/start").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        var target = Assert.Single(Secondary.RequestsTo(targetPath));
        Assert.Empty(target.QueryValues(Credentials.ApiKeyQueryName));
        Assert.Equal(["2"], target.QueryValues("page"));
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("API_KEY")]
    [InlineData("api%5Fkey")]
    [InlineData("Api%5fKey")]
    public async Task SendAsync_CrossOriginLocationCopyingTheKeyLiterally_DoesNotForwardIt(string writtenName)
    {
        // The server pastes the decoded key back unescaped: '+' now reads as a space, so a comparison of
        // decoded values no longer recognises it. The parameter must go by its name alone.
        const string key = "ab+cd/ef==";
        var prefix = Primary.NewPrefix();
        var targetPath = Secondary.Map(Reply.Json(200, Target));
        Primary.Map($"{prefix}/start", context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"{Secondary.Url(targetPath)}?page=2&{writtenName}={context.Request.Query[Credentials.ApiKeyQueryName]}&sort=name";
            return Task.CompletedTask;
        });
        using var client = servers.CreateClient(options => options.Authentication = new ApiKeyProvider(Credentials.ApiKeyQueryName, key, ApiKeyLocation.Query));

        var result = await client.SendAsync(ConnectorEndpoint.Get($"{prefix}/start").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        var start = Assert.Single(Primary.RequestsTo($"{prefix}/start"));
        Assert.Equal([key], start.QueryValues(Credentials.ApiKeyQueryName));
        var target = Assert.Single(Secondary.RequestsTo(targetPath));
        Assert.Equal("?page=2&sort=name", target.Query);
        Assert.DoesNotContain("cd", target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameOriginRedirectEchoingTheQuery_SendsTheQueryApiKeyOnce()
    {
        var prefix = Primary.NewPrefix();
        Primary.Map($"{prefix}/start", context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"{prefix}/target{context.Request.QueryString.Value}";
            return Task.CompletedTask;
        });
        Primary.Map($"{prefix}/target", Reply.Json(200, Target));
        using var client = CreateClient(CredentialKind.ApiKeyQuery);

        var result = await client.SendAsync(ConnectorEndpoint.Get($"{prefix}/start").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        var target = Assert.Single(Primary.RequestsTo($"{prefix}/target"));
        Assert.Equal(Credentials.Expected(CredentialKind.ApiKeyQuery), Credentials.Observed(target, CredentialKind.ApiKeyQuery));
    }

    [Fact]
    public async Task SendAsync_CrossOriginThenBackToOrigin_SendsCredentialsOnlyToTheOrigin()
    {
        var prefix = Primary.NewPrefix();
        var bouncePath = Secondary.Map(Reply.Redirect(302, Primary.Url($"{prefix}/back").ToString()));
        Primary.Map($"{prefix}/start", Reply.Redirect(302, Secondary.Url(bouncePath).ToString()));
        Primary.Map($"{prefix}/back", Reply.Json(200, Target));
        using var client = CreateClient(CredentialKind.Bearer);

        var result = await client.SendAsync(CreateEndpoint($"{prefix}/start"), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        Credentials.AssertNone(Assert.Single(Secondary.RequestsTo(bouncePath)));
        var back = Assert.Single(Primary.RequestsTo($"{prefix}/back"));
        Assert.Equal(Credentials.Expected(CredentialKind.Bearer), back.Header("Authorization"));
    }

    [Theory]
    [InlineData(301, "GET", false)]
    [InlineData(302, "GET", false)]
    [InlineData(303, "GET", false)]
    [InlineData(307, "POST", true)]
    [InlineData(308, "POST", true)]
    public async Task SendAsync_PostRedirected_ChangesMethodAndBodyAsTheStatusSays(int status, string expectedMethod, bool keepsBody)
    {
        var prefix = Primary.NewPrefix();
        Primary.Map($"{prefix}/wings", Reply.Redirect(status, $"{prefix}/wings/42"));
        Primary.Map($"{prefix}/wings/42", Reply.Json(200, """{"data": {"id": 42, "name": "Albatross"}}"""));
        using var client = CreateClient(CredentialKind.Bearer);
        var endpoint = ConnectorEndpoint.Post($"{prefix}/wings")
            .WithJsonBody(new CreateWing("Albatross", 3), IntegrationJsonContext.Default.CreateWing)
            .Build();

        var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(42, "Albatross"), result.Data);
        var first = Assert.Single(Primary.RequestsTo($"{prefix}/wings"));
        Assert.Equal("POST", first.Method);
        Assert.Equal("""{"name":"Albatross","span":3}""", first.BodyText);
        var second = Assert.Single(Primary.RequestsTo($"{prefix}/wings/42"));
        Assert.Equal(expectedMethod, second.Method);
        Assert.Equal(Credentials.Expected(CredentialKind.Bearer), second.Header("Authorization"));
        if (keepsBody)
        {
            Assert.Equal(first.BodyText, second.BodyText);
            Assert.Equal("application/json; charset=utf-8", second.Header("Content-Type"));
        }
        else
        {
            Assert.Empty(second.Body);
            Assert.Null(second.Header("Content-Type"));
            Assert.True(second.Header("Content-Length") is null or "0", $"Content-Length was {second.Header("Content-Length")}.");
        }
    }

    [Fact]
    public async Task SendAsync_FiveRedirects_FollowsThemAll()
    {
        var (prefix, endpoint) = MapRedirectChain(redirects: 5);
        using var client = servers.CreateClient();

        var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "target"), result.Data);
        Assert.Equal(6, Primary.RequestsUnder(prefix).Count);
    }

    [Fact]
    public async Task SendAsync_SixRedirects_ThrowsConnectorExceptionWithoutASeventhRequest()
    {
        var (prefix, endpoint) = MapRedirectChain(redirects: 6);
        using var client = servers.CreateClient();

        var exception = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.Contains("more than 5 times", exception.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, exception.StatusCode);
        Assert.Equal(6, Primary.RequestsUnder(prefix).Count);
    }

    [Fact]
    public async Task SendAsync_RedirectLoop_ThrowsConnectorException()
    {
        var path = Primary.Map(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = context.Request.Path.Value;
            return Task.CompletedTask;
        });
        using var client = servers.CreateClient();

        await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.Equal(6, Primary.RequestsTo(path).Count);
    }

    [Theory]
    [InlineData("next", "/a/b/next")]
    [InlineData("./next?x=1", "/a/b/next")]
    [InlineData("../c/next", "/a/c/next")]
    [InlineData("/PREFIX/z/next", "/z/next")]
    public async Task SendAsync_RelativeLocation_ResolvesAgainstTheCurrentUri(string location, string expectedPathUnderPrefix)
    {
        var prefix = Primary.NewPrefix();
        Primary.Map($"{prefix}/a/b/start", Reply.Redirect(302, location.Replace("/PREFIX", prefix, StringComparison.Ordinal)));
        Primary.Map(prefix + expectedPathUnderPrefix, Reply.Json(200, Target));
        using var client = CreateClient(CredentialKind.Basic);

        var result = await client.SendAsync(CreateEndpoint($"{prefix}/a/b/start"), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(new Wing(7, "target"), result.Data);
        var target = Assert.Single(Primary.RequestsTo(prefix + expectedPathUnderPrefix));
        Assert.Equal(Credentials.Expected(CredentialKind.Basic), target.Header("Authorization"));
        Assert.Equal(Credentials.CustomHeaderValue, target.Header(Credentials.CustomHeaderName));
    }

    [Fact]
    public async Task SendAsync_FollowRedirectsOff_ReturnsTheRedirectAsAnError()
    {
        var prefix = Primary.NewPrefix();
        Primary.Map($"{prefix}/start", Reply.Redirect(302, Secondary.Url("/anywhere").ToString()));
        using var client = servers.CreateClient(options => options.FollowRedirects = false);

        var result = await client.SendAsync(ConnectorEndpoint.Get($"{prefix}/start").Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.Found, result.StatusCode);
        Assert.Empty(Secondary.RequestsTo("/anywhere"));
    }

    private ConnectorClient CreateClient(CredentialKind kind) => servers.CreateClient(options =>
    {
        options.Authentication = Credentials.Create(kind);
        options.DefaultHeaders[Credentials.DefaultHeaderName] = Credentials.DefaultHeaderValue;
    });

    private static IConnectorEndpoint CreateEndpoint(string path) =>
        ConnectorEndpoint.Get(path).WithHeader(Credentials.CustomHeaderName, Credentials.CustomHeaderValue).Build();

    /// <summary>Maps <c>/hop/0</c> redirecting to <c>/hop/1</c> and so on, <paramref name="redirects"/> times, then a data response.</summary>
    private (string Prefix, IConnectorEndpoint Endpoint) MapRedirectChain(int redirects)
    {
        var prefix = Primary.NewPrefix();
        for (var hop = 0; hop < redirects; hop++)
        {
            Primary.Map($"{prefix}/hop/{hop}", Reply.Redirect(302, $"{prefix}/hop/{hop + 1}"));
        }

        Primary.Map($"{prefix}/hop/{redirects}", Reply.Json(200, Target));
        return (prefix, ConnectorEndpoint.Get($"{prefix}/hop/0").Build());
    }
}
