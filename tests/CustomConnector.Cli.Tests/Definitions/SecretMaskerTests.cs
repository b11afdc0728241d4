using CustomConnector.Cli.Definitions;

namespace CustomConnector.Cli.Tests.Definitions;

public sealed class SecretMaskerTests
{
    [Theory]
    [InlineData("https://api.example.com/v1/wings?api_key=k1&color=red", "https://api.example.com/v1/wings?api_key=REDACTED&color=red")]
    [InlineData("https://api.example.com/v1/wings?API%5FKEY=k1", "https://api.example.com/v1/wings?API_KEY=REDACTED")]
    [InlineData("https://api.example.com/v1/wings?x-private=p&token=t", "https://api.example.com/v1/wings?x-private=REDACTED&token=REDACTED")]
    [InlineData("https://user:pw@api.example.com/v1/wings?q=1", "https://api.example.com/v1/wings?q=1")]
    public void MaskUri_SensitiveQueryValuesAndUserInfo_AreRedacted(string uri, string expected)
    {
        var options = new ConnectorClientOptions();
        options.SensitiveQueryParameters.Add("x-private");

        var masked = SecretMasker.Create(options, recorder: null).MaskUri(new Uri(uri));

        Assert.Equal(expected, masked);
    }

    [Theory]
    [InlineData("Authorization", "Bearer abc.def", "Bearer REDACTED")]
    [InlineData("Authorization", "Basic dXNlcjpwdw==", "Basic REDACTED")]
    [InlineData("Proxy-Authorization", "Basic dXNlcjpwdw==", "Basic REDACTED")]
    [InlineData("X-Wings-Key", "k1", "REDACTED")]
    [InlineData("Set-Cookie", "session=s1; HttpOnly", "REDACTED")]
    [InlineData("X-Subscription-Token", "t1", "REDACTED")]
    [InlineData("X-Request-Id", "req-1", "req-1")]
    [InlineData("Idempotency-Key", "idem-1", "idem-1")]
    public void MaskHeader_CredentialNames_AreRedacted(string name, string value, string expected)
    {
        var masked = SecretMasker.Create(new ConnectorClientOptions(), recorder: null).MaskHeader(name, value);

        Assert.Equal(expected, masked);
    }

    [Fact]
    public void MaskHeader_ApiKeyHeaderOfAnyName_IsRedacted()
    {
        var options = new ConnectorClientOptions();
        options.AuthenticationSettings.Type = ConnectorAuthenticationType.ApiKey;
        options.AuthenticationSettings.ApiKeyName = "X-Partner";
        options.AuthenticationSettings.ApiKeyValue = "partner-value";

        var masked = SecretMasker.Create(options, recorder: null).MaskHeader("X-Partner", "partner-value");

        Assert.Equal("REDACTED", masked);
    }

    [Fact]
    public void MaskText_ConfiguredSecretsTheirEncodingsAndSeenTokens_AreRedacted()
    {
        var options = new ConnectorClientOptions();
        options.AuthenticationSettings.Type = ConnectorAuthenticationType.Basic;
        options.AuthenticationSettings.Username = "svc";
        options.AuthenticationSettings.Password = "p@ss word";
        var recorder = new RequestRecorder("wings", preview: false);
        var masker = SecretMasker.Create(options, recorder);
        recorder.AddToken("seen-access-token");

        var masked = masker.MaskText("pw=p@ss word enc=p%40ss%20word basic=c3ZjOnBAc3Mgd29yZA== token=seen-access-token");

        Assert.Equal("pw=REDACTED enc=REDACTED basic=REDACTED token=REDACTED", masked);
    }
}
