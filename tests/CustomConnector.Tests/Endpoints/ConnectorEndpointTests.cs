namespace CustomConnector.Tests.Endpoints;

public sealed class ConnectorEndpointTests
{
    [Fact]
    public void Get_RelativeUri_BuildsGetEndpoint()
    {
        var endpoint = ConnectorEndpoint.Get("wings").Build();

        Assert.Equal(HttpMethod.Get, endpoint.Method);
        Assert.Equal("wings", endpoint.RequestUri);
        Assert.Null(endpoint.CreateContent(System.Text.Json.JsonSerializerOptions.Default));
    }

    [Fact]
    public void Post_RelativeUri_BuildsPostEndpoint()
    {
        var endpoint = ConnectorEndpoint.Post("wings").Build();

        Assert.Equal(HttpMethod.Post, endpoint.Method);
        Assert.Equal("wings", endpoint.RequestUri);
    }

    [Fact]
    public void Get_NoName_NameIsMethodAndTemplate()
    {
        var endpoint = ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", 7).Build();

        Assert.Equal("GET wings/{id}", endpoint.Name);
    }

    [Theory]
    [InlineData("wings?api_key=s3cret&page=2", "GET wings")]
    [InlineData("https://api.test/v1/users/a@b", "GET https://api.test/v1/users/a@b")]
    public void Get_NoName_DefaultNameLeavesOutQueryAndUserInfo(string uri, string expected)
    {
        // The name shows in exception messages and logs, where a credential must never appear.
        var endpoint = ConnectorEndpoint.Get(uri).Build();

        Assert.Equal(expected, endpoint.Name);
    }

    [Fact]
    public void ToString_CredentialInQuery_IsRedacted()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithQueryParameter("api_key", "s3cret").WithQueryParameter("page", 2).WithName("listWings").Build();

        Assert.Equal("GET wings?api_key=REDACTED&page=2 (listWings)", endpoint.ToString());
    }

    [Fact]
    public void ToString_EndpointQueryKeyNameWrittenInTheUri_IsRedacted()
    {
        var endpoint = ConnectorEndpoint.Get("https://fn.test/api/run?code=fn-s3cret&Tenant%5FKey=tenant-s3cret&page=2")
            .WithAuthentication(new ApiKeyProvider("tenant_key", "tenant-s3cret", ApiKeyLocation.Query))
            .WithName("run")
            .Build();

        Assert.Equal("GET https://fn.test/api/run?code=REDACTED&Tenant%5FKey=REDACTED&page=2 (run)", endpoint.ToString());
    }

    [Theory]
    [InlineData("https://api.test/wings/{id?subscription-key=apim-s3cret")]
    [InlineData("https://api.test/wings/}?X-Amz-Signature=aws-s3cret")]
    [InlineData("https://api.test/wings?code=fn-s3cret#frag-s3cret")]
    [InlineData("https://api.test/wings/{a}/{a}?access-token=tok-s3cret")]
    [InlineData("ftp://api.test/wings?auth=auth-s3cret")]
    [InlineData("https://svc:pa55w0rd@api.test/wings/{id?subscription-key=apim-s3cret")]
    [InlineData("ftp://svc:pa55w0rd@api.test/wings?auth=auth-s3cret")]
    [InlineData("https://api.test/wings?auth=auth-s3cret&bad value")]
    public void Get_MalformedUriWithSecrets_QuotesItRedacted(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", exception.Message, StringComparison.Ordinal);

        // A URI with user info is refused before anything quotes it; any other is quoted redacted.
        Assert.Contains(uri.Contains('@', StringComparison.Ordinal) ? "user info" : "=REDACTED", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_UnknownPlaceholder_QuotesTheUriRedacted()
    {
        var builder = ConnectorEndpoint.Get("wings/{id}?sk=key-s3cret").WithAuthentication(new ApiKeyProvider("sk", "key-s3cret", ApiKeyLocation.Query));

        var exception = Assert.Throws<ArgumentException>(() => builder.WithPathParameter("wingId", 1));

        Assert.Contains("wings/{id}?sk=REDACTED", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_NullUri_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Get(null!));

        Assert.Equal("uri", exception.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Get_EmptyUri_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wings#top")]
    [InlineData("https://api.test/wings#top")]
    public void Get_UriWithFragment_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("fragment", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.test/wings")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ws://api.test/wings")]
    public void Get_NonHttpAbsoluteUri_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("not http or https", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://admin:s3cret@api.test/v1/wings")]
    [InlineData("https://admin:s3cret@api.test")]
    [InlineData("HTTP://admin:s3cret@api.test:8080/v1/wings?x=1")]
    [InlineData("https://admin@api.test/v1/wings")]
    [InlineData("https://:s3cret@api.test/v1/wings")]
    [InlineData("https://admin:s3cret@{tenant}.api.test/v1/wings")]
    [InlineData("https://{user}:s3cret@api.test/v1/wings")]
    [InlineData("https://admin:s3cret@api.test\\v1")]
    [InlineData("https://admin:s3cret@api.test/v1 wings")]
    [InlineData("https://admin:s3cret@api.test/v1/{id")]
    [InlineData("https://admin:s3cret@api.test/v1/wings#top")]
    public void Get_UserInfoInUri_ThrowsArgumentExceptionWithoutTheCredential(string uri)
    {
        // Every way in: the builders, the generic Create, and the message never quotes the user info (a later
        // check such as the whitespace or fragment one would otherwise echo the whole URI).
        foreach (var create in new Func<string, object>[] { ConnectorEndpoint.Get, ConnectorEndpoint.Post, u => ConnectorEndpoint.Create(HttpMethod.Put, u) })
        {
            var exception = Assert.Throws<ArgumentException>(() => create(uri));

            Assert.Equal("uri", exception.ParamName);
            Assert.Contains("user info", exception.Message, StringComparison.Ordinal);
            Assert.Contains("BasicAuthenticationProvider", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("admin", exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://api.test/v1/users/a@b")]
    [InlineData("https://api.test/v1/users?email=a@b.test")]
    [InlineData("wings/a@b")]
    [InlineData("wings?next=https://x:y@other.test/")]
    public void Get_AtSignOutsideTheAuthority_IsAccepted(string uri)
    {
        var endpoint = ConnectorEndpoint.Get(uri).Build();

        Assert.Equal(uri, endpoint.RequestUri);
    }

    [Theory]
    [InlineData("https://")]
    [InlineData("https://api.test:99999/wings")]
    [InlineData("http:///wings")]
    public void Get_MalformedAbsoluteUri_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("not a well-formed", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wings/{id")]
    [InlineData("wings/id}")]
    [InlineData("wings/{}")]
    [InlineData("wings/{a b}")]
    [InlineData("wings/{id}/{id}")]
    [InlineData("wings/{{id}}")]
    public void Get_MalformedPlaceholder_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
    }

    [Theory]
    [InlineData("wings/a b")]
    [InlineData("wings/a\tb")]
    [InlineData("wings\r\n/x")]
    public void Get_WhitespaceOrControlCharacter_ThrowsArgumentException(string uri)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Post(uri));

        Assert.Contains("whitespace or a control character", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_AbsoluteUriWithPlaceholderInHost_IsAccepted()
    {
        var endpoint = ConnectorEndpoint.Get("https://{tenant}.api.test/wings").WithPathParameter("tenant", "acme").Build();

        Assert.Equal("https://acme.api.test/wings", endpoint.RequestUri);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a@evil.test")]
    public void Build_PlaceholderInHostWithInvalidValue_ThrowsArgumentException(string tenant)
    {
        // Fails at Build(), not later inside SendAsync as a UriFormatException.
        var builder = ConnectorEndpoint.Get("https://{tenant}.api.test/wings").WithName("tenantWings").WithPathParameter("tenant", tenant);

        var exception = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("tenantWings", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not well formed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RelativeUriWithUrlInQuery_IsSentRelativeToBaseAddress()
    {
        // "://" inside the query does not make a relative URI absolute.
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("login?return=https://app.test/home").Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("https://api.test/v1/login?return=https://app.test/home", request.Uri.AbsoluteUri);
    }

    [Fact]
    public void GetEndpointBuilder_HasNoBodyMethods()
    {
        // A body on GET is impossible by type.
        var methods = typeof(GetEndpointBuilder).GetMethods().Select(m => m.Name);

        Assert.DoesNotContain("WithJsonBody", methods);
        Assert.DoesNotContain("WithContent", methods);
        Assert.Contains("WithJsonBody", typeof(PostEndpointBuilder).GetMethods().Select(m => m.Name));
    }
}
