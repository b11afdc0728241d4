using CustomConnector.Internal;

namespace CustomConnector.Tests.Sending;

/// <summary>The one trust policy, checked alone: what a hop earns, which server-supplied URIs are followed, and provider-owned names.</summary>
public sealed class HopTrustPolicyTests
{
    private static readonly Uri Base = new("https://api.test/v1/");

    [Theory]
    [InlineData("https://api.test/a", "https://cdn.test/b", nameof(ServerUriProblem.None))]
    [InlineData("http://api.test/a", "https://api.test/b", nameof(ServerUriProblem.None))]
    [InlineData("https://api.test/a", "http://api.test/b", nameof(ServerUriProblem.Downgrade))]
    [InlineData("https://api.test/a", "ftp://api.test/b", nameof(ServerUriProblem.NotHttp))]
    [InlineData("https://api.test/a", "file:///etc/passwd", nameof(ServerUriProblem.NotHttp))]
    public void CheckServerSupplied_Target_FollowsOnlyHttpWithoutDowngrade(string from, string target, string expected)
    {
        Assert.Equal(expected, HopTrustPolicy.CheckServerSupplied(new Uri(from), new Uri(target)).ToString());
    }

    [Fact]
    public void ForHop_OtherOrigin_EarnsNothing()
    {
        var trust = new HopTrust(new BearerTokenProvider("t0ken"), FirstHopTrusted: true, EndpointHeadersAllowed: true);

        HopTrustPolicy.ForHop(trust, sameOrigin: false, out var credentials, out var endpointHeaders, out var defaultHeaders);

        Assert.False(credentials);
        Assert.False(endpointHeaders);
        Assert.False(defaultHeaders);
    }

    [Fact]
    public void ForHop_SameOrigin_KeepsTheFirstHopsGrant()
    {
        var trust = new HopTrust(new BearerTokenProvider("t0ken"), FirstHopTrusted: true, EndpointHeadersAllowed: true);

        HopTrustPolicy.ForHop(trust, sameOrigin: true, out var credentials, out var endpointHeaders, out var defaultHeaders);

        Assert.True(credentials);
        Assert.True(endpointHeaders);
        Assert.True(defaultHeaders);
    }

    [Fact]
    public void ForFirstHop_ServerSuppliedUriOnAnotherOrigin_EarnsNeitherCredentialsNorEndpointHeaders()
    {
        using var settings = new ConnectorSettings(new ConnectorClientOptions { BaseAddress = Base, Authentication = new BearerTokenProvider("t0ken") }, "options");
        var policy = new HopTrustPolicy(settings.Sending);

        var trust = policy.ForFirstHop(ConnectorEndpoint.Get("wings").Build(), new Uri("https://cdn.test/page/2"), trustEndpointOrigin: false);

        Assert.False(trust.FirstHopTrusted);
        Assert.False(trust.FirstHopCredentials);
        Assert.False(trust.EndpointHeadersAllowed);
    }

    [Fact]
    public void ForFirstHop_AnonymousEndpoint_HasNoProvider()
    {
        using var settings = new ConnectorSettings(new ConnectorClientOptions { BaseAddress = Base, Authentication = new BearerTokenProvider("t0ken") }, "options");
        var policy = new HopTrustPolicy(settings.Sending);

        var trust = policy.ForFirstHop(ConnectorEndpoint.Get("wings").WithoutAuthentication().Build(), new Uri(Base, "wings"), trustEndpointOrigin: true);

        Assert.Null(trust.Authentication);
        Assert.True(trust.FirstHopTrusted);
    }

    [Theory]
    [InlineData("https://api.test/v1/wings?page=2", nameof(LinkOrigin.FirstPage))]
    [InlineData("https://files.test/x", nameof(LinkOrigin.Trusted))]
    [InlineData("https://cdn.test/x", nameof(LinkOrigin.Foreign))]
    [InlineData("https://api.test:444/v1/wings", nameof(LinkOrigin.Foreign))]
    public void ClassifyLink_Origin_IsFirstPageTrustedOrForeign(string link, string expected)
    {
        var options = new ConnectorClientOptions { BaseAddress = Base };
        options.TrustedOrigins.Add(new Uri("https://files.test/"));
        using var settings = new ConnectorSettings(options, "options");

        Assert.Equal(expected, new HopTrustPolicy(settings.Sending).ClassifyLink(new Uri(link), new Uri(Base, "wings")).ToString());
    }

    [Fact]
    public void FirstHopCarriesCredentials_EndpointHeaderNamedAsTheProvidersOwn_CountsAsACredential()
    {
        // The endpoint goes to another origin than the base address, so the provider adds nothing there;
        // its own header, named so that no pattern recognises it, still carries the key.
        using var settings = new ConnectorSettings(new ConnectorClientOptions { BaseAddress = Base, Authentication = new ApiKeyProvider("X-Tenant", "k3y") }, "options");
        var policy = new HopTrustPolicy(settings.Sending);
        var uri = new Uri("http://other.test/wings");

        Assert.True(policy.FirstHopCarriesCredentials(ConnectorEndpoint.Get(uri.AbsoluteUri).WithHeader("X-Tenant", "k3y").Build(), uri, trustEndpointOrigin: true));
        Assert.False(policy.FirstHopCarriesCredentials(ConnectorEndpoint.Get(uri.AbsoluteUri).WithHeader("X-Other", "k3y").Build(), uri, trustEndpointOrigin: true));
    }
}
