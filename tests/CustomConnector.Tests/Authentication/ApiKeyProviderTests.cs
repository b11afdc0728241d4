namespace CustomConnector.Tests.Authentication;

public sealed class ApiKeyProviderTests
{
    [Fact]
    public async Task ApplyAsync_Header_SetsExactHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/wings");

        await new ApiKeyProvider("X-Api-Key", "s3cr+t/=").ApplyAsync(request, CancellationToken.None);

        Assert.Equal(["s3cr+t/="], request.Headers.GetValues("X-Api-Key"));
        Assert.Equal("https://api.test/v1/wings", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task ApplyAsync_HeaderAlreadyPresent_ReplacesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/wings");
        request.Headers.Add("X-Api-Key", "old");

        await new ApiKeyProvider("X-Api-Key", "new").ApplyAsync(request, CancellationToken.None);

        Assert.Equal(["new"], request.Headers.GetValues("X-Api-Key"));
    }

    [Fact]
    public async Task ApplyAsync_Query_AppendsExactEncodedPair()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/wings");

        await new ApiKeyProvider("api_key", "s3cr+t/= é", ApiKeyLocation.Query).ApplyAsync(request, CancellationToken.None);

        Assert.Equal("https://api.test/v1/wings?api_key=s3cr%2Bt%2F%3D%20%C3%A9", request.RequestUri!.AbsoluteUri);
        Assert.False(request.Headers.Contains("api_key"));
    }

    [Fact]
    public async Task ApplyAsync_QueryWithExistingQuery_MergesAndKeepsEncoding()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v1/wings/a%2Fb?q=a%26b&tag=x");

        await new ApiKeyProvider("api_key", "k", ApiKeyLocation.Query).ApplyAsync(request, CancellationToken.None);

        Assert.Equal("https://api.test/v1/wings/a%2Fb?q=a%26b&tag=x&api_key=k", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task ApplyAsync_QueryThroughClient_SendsKeyInQuery()
    {
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "k3y", ApiKeyLocation.Query) });
        var endpoint = ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", "a/b").WithQueryParameter("tag", "x y").Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("https://api.test/v1/wings/a%2Fb?tag=x%20y&api_key=k3y", request.Uri.AbsoluteUri);
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task ApplyAsync_QueryOnRelativeRequest_ThrowsInvalidOperationException()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("wings", UriKind.Relative));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => new ApiKeyProvider("api_key", "s3cret", ApiKeyLocation.Query).ApplyAsync(request, CancellationToken.None).AsTask());

        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X Api Key")]
    [InlineData("X-Api-Key:")]
    public void Ctor_HeaderNameNotAToken_ThrowsArgumentException(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ApiKeyProvider(name, "s3cret"));

        Assert.Equal("name", exception.ParamName);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctor_QueryNameWithSpace_IsAcceptedAndEncoded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/");

        await new ApiKeyProvider("api key", "k", ApiKeyLocation.Query).ApplyAsync(request, CancellationToken.None);

        Assert.Equal("?api%20key=k", request.RequestUri!.Query);
    }

    [Fact]
    public void Ctor_ValueWithLineBreak_ThrowsWithoutEchoingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ApiKeyProvider("X-Api-Key", "s3cret\r\nX-Evil: 1"));

        Assert.Equal("value", exception.ParamName);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_InvalidArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ApiKeyProvider(" ", "k"));
        Assert.ThrowsAny<ArgumentException>(() => new ApiKeyProvider("X-Api-Key", string.Empty));
        var exception = Assert.Throws<ArgumentException>(() => new ApiKeyProvider("X-Api-Key", "k", (ApiKeyLocation)7));
        Assert.Equal("location", exception.ParamName);
    }

    [Theory]
    [InlineData(ApiKeyLocation.Header)]
    [InlineData(ApiKeyLocation.Query)]
    public void ToString_ShowsNameButNotKey(ApiKeyLocation location)
    {
        var provider = new ApiKeyProvider("X-Api-Key", "s3cret", location);

        Assert.Contains("X-Api-Key", provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", provider.ToString(), StringComparison.Ordinal);
        Assert.Equal(location, provider.Location);
        Assert.Equal("X-Api-Key", provider.Name);
    }

    [Theory]
    [InlineData("s3cret-clé")]
    [InlineData("s3cret\u0001")]
    [InlineData("s3cret\u00A0")]
    public void Ctor_HeaderValueHttpClientCannotSend_ThrowsNamingTheHeaderWithoutEchoingIt(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ApiKeyProvider("X-Api-Key", value));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("X-Api-Key", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_NonAsciiQueryValue_IsAcceptedAndPercentEncoded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/wings");

        await new ApiKeyProvider("api_key", "clé", ApiKeyLocation.Query).ApplyAsync(request, CancellationToken.None);

        Assert.Equal("?api_key=cl%C3%A9", request.RequestUri!.Query);
    }

    [Fact]
    public void Ctor_QueryValueWithUnpairedSurrogate_ThrowsWithoutEchoingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ApiKeyProvider("api_key", "s3cret\uD800", ApiKeyLocation.Query));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("surrogate", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }
}
