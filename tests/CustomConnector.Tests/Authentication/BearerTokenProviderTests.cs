namespace CustomConnector.Tests.Authentication;

public sealed class BearerTokenProviderTests
{
    [Fact]
    public async Task ApplyAsync_FixedToken_SetsBearerHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await new BearerTokenProvider("eyJ.abc-123").ApplyAsync(request, CancellationToken.None);

        Assert.Equal("Bearer eyJ.abc-123", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_Factory_CalledPerRequestAndPicksNewToken()
    {
        var calls = 0;
        var provider = new BearerTokenProvider(_ => ValueTask.FromResult($"token-{++calls}"));
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = provider });
        var endpoint = ConnectorEndpoint.Get("wings").Build();

        var first = await connector.SendAndCaptureAsync(endpoint);
        var second = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal(2, calls);
        Assert.Equal("Bearer token-1", first.Header("Authorization"));
        Assert.Equal("Bearer token-2", second.Header("Authorization"));
    }

    [Fact]
    public async Task ApplyAsync_Factory_ReceivesCallersToken()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        var provider = new BearerTokenProvider(token => { seen = token; return ValueTask.FromResult("t"); });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await provider.ApplyAsync(request, cts.Token);

        Assert.Equal(cts.Token, seen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer s3cret")]
    [InlineData("s3cret\r\nX-Evil: 1")]
    public async Task ApplyAsync_FactoryReturnsUnsafeToken_ThrowsWithoutEchoingIt(string token)
    {
        var provider = new BearerTokenProvider(_ => ValueTask.FromResult(token));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.ApplyAsync(request, CancellationToken.None).AsTask());

        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Null(request.Headers.Authorization);
    }

    [Theory]
    [InlineData("Bearer s3cret")]
    [InlineData("s3cret\n")]
    public void Ctor_UnsafeToken_ThrowsWithoutEchoingIt(string token)
    {
        var exception = Assert.Throws<ArgumentException>(() => new BearerTokenProvider(token));

        Assert.Equal("token", exception.ParamName);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NullArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => new BearerTokenProvider((string)null!));
        Assert.Throws<ArgumentNullException>(() => new BearerTokenProvider((Func<CancellationToken, ValueTask<string>>)null!));
    }

    [Fact]
    public void ToString_NeverShowsToken()
    {
        Assert.DoesNotContain("s3cret", new BearerTokenProvider("s3cret").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", new BearerTokenProvider(_ => ValueTask.FromResult("s3cret")).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer s3cret-token", "the provider adds the 'Bearer ' prefix")]
    [InlineData("bearer\ts3cret-token", "the provider adds the 'Bearer ' prefix")]
    [InlineData("s3cret-tokén", "non-ASCII")]
    [InlineData("s3cret-tokenΩ", "non-ASCII")]
    [InlineData("s3cret-token\u007F", "control character")]
    public void Ctor_TokenHttpClientWouldRefuseOrMisread_ThrowsSayingWhatToDoWithoutEchoingIt(string token, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => new BearerTokenProvider(token));

        Assert.Equal("token", exception.ParamName);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_FactoryReturnsNonAsciiToken_FailsOnceWithoutSendingOrRetrying()
    {
        var calls = 0;
        var provider = new BearerTokenProvider(_ => { calls++; return ValueTask.FromResult("s3cret-tokén"); });
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = provider, Resilience = { BaseDelay = TimeSpan.Zero } });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing));

        Assert.Equal(1, calls);
        Assert.Empty(connector.Requests);
        Assert.Contains("non-ASCII", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }
}
