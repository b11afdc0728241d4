namespace CustomConnector.Tests.Authentication;

public sealed class OAuth2ClientCredentialsOptionsTests
{
    [Fact]
    public void ToString_TokenEndpointWithUserInfoQueryAndFragment_ShowsItRedacted()
    {
        var options = new OAuth2ClientCredentialsOptions
        {
            TokenEndpoint = new Uri("https://svc:pa55w0rd@auth.test/oauth/token?tenant=acme&code=fn-s3cret#frag-s3cret"),
            ClientId = "client",
            ClientSecret = "client-s3cret",
        };

        var text = options.ToString();

        Assert.Contains("https://auth.test/oauth/token?tenant=acme&code=REDACTED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_AuthenticationOptionsTokenEndpoint_ShowsItRedacted()
    {
        var options = new ConnectorAuthenticationOptions { Type = ConnectorAuthenticationType.OAuth2ClientCredentials };
        options.OAuth2.TokenEndpoint = new Uri("https://svc:pa55w0rd@auth.test/oauth/token?subscription-key=apim-s3cret#frag-s3cret");
        options.OAuth2.ClientId = "client";
        options.OAuth2.ClientSecret = "client-s3cret";

        var text = options.ToString();

        Assert.Contains("https://auth.test/oauth/token?subscription-key=REDACTED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", text, StringComparison.Ordinal);
    }
}
