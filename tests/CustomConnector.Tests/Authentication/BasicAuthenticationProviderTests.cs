namespace CustomConnector.Tests.Authentication;

public sealed class BasicAuthenticationProviderTests
{
    [Fact]
    public async Task ApplyAsync_Rfc7617Example_SetsExactHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await new BasicAuthenticationProvider("Aladdin", "open sesame").ApplyAsync(request, CancellationToken.None);

        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_NonAsciiPassword_EncodesUtf8()
    {
        // RFC 7617 section 2.1: "test" / "123£" with charset UTF-8.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await new BasicAuthenticationProvider("test", "123\u00A3").ApplyAsync(request, CancellationToken.None);

        Assert.Equal("Basic dGVzdDoxMjPCow==", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_PasswordWithColon_IsKeptWhole()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await new BasicAuthenticationProvider("user", "a:b:c").ApplyAsync(request, CancellationToken.None);

        Assert.Equal("dXNlcjphOmI6Yw==", request.Headers.Authorization!.Parameter); // "user:a:b:c"
    }

    [Fact]
    public async Task ApplyAsync_ThroughClient_SendsHeader()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new BasicAuthenticationProvider("Aladdin", "open sesame") });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").Build());

        Assert.Equal("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", request.Header("Authorization"));
    }

    [Fact]
    public void Ctor_UsernameWithColon_ThrowsWithoutEchoingPassword()
    {
        var exception = Assert.Throws<ArgumentException>(() => new BasicAuthenticationProvider("ala:ddin", "s3cret-pw"));

        Assert.Equal("username", exception.ParamName);
        Assert.Contains("colon", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user\r\nX-Evil: 1", "pw", "username")]
    [InlineData("user", "s3cret\npw", "password")]
    public void Ctor_ControlCharacter_ThrowsWithoutEchoingValue(string username, string password, string paramName)
    {
        var exception = Assert.Throws<ArgumentException>(() => new BasicAuthenticationProvider(username, password));

        Assert.Equal(paramName, exception.ParamName);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_EmptyUsernameOrNullPassword_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BasicAuthenticationProvider(string.Empty, "pw"));
        Assert.Throws<ArgumentNullException>(() => new BasicAuthenticationProvider("user", null!));
    }

    [Fact]
    public void ToString_ShowsUserButNotPassword()
    {
        var provider = new BasicAuthenticationProvider("Aladdin", "open sesame");

        Assert.Contains("Aladdin", provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("open sesame", provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("QWxhZGRpbjpvcGVuIHNlc2FtZQ==", provider.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public void Ctor_UnpairedSurrogate_ThrowsInsteadOfSendingAnotherCredential(string paramName)
    {
        // Built here: xunit would replace a lone surrogate in theory data. UTF-8 would silently turn it
        // into U+FFFD, and the provider would send another credential than the one given.
        var lone = char.ConvertFromUtf32(0x1F511)[..1];
        var exception = Assert.Throws<ArgumentException>(() => paramName == "username"
            ? new BasicAuthenticationProvider("ali" + lone + "ce", "s3cret")
            : new BasicAuthenticationProvider("alice", "s3cret" + lone));

        Assert.Equal(paramName, exception.ParamName);
        Assert.Contains("surrogate", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }
}
