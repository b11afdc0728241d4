using System.Net;

namespace CustomConnector.Tests.Errors;

public sealed class ConnectorExceptionTests
{
    [Fact]
    public async Task RequestUri_CredentialInQuery_IsRedacted()
    {
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "404", "description": "Gone."}}""", status: HttpStatusCode.NotFound);
        var endpoint = ConnectorEndpoint.Get("wings?api_key=s3cret&page=2").WithQueryParameter("access_token", "t0ken").WithName("listWings").Build();
        var result = await connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing);

        var exception = Assert.Throws<NotFoundException>(() => result.GetDataOrThrow());

        Assert.Equal("https://api.test/v1/wings?api_key=REDACTED&page=2&access_token=REDACTED", exception.RequestUri!.AbsoluteUri);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains("page=2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestUri_CustomSensitiveParameter_IsRedacted()
    {
        var options = new ConnectorClientOptions();
        options.SensitiveQueryParameters.Add("session");
        using var connector = TestConnector.RespondingJson("{}", options, HttpStatusCode.InternalServerError);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings?SESSION=abc123&page=2").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<InternalServerErrorException>(result.EnsureSuccess);

        Assert.Equal("?SESSION=REDACTED&page=2", exception.RequestUri!.Query);
        Assert.DoesNotContain("abc123", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestUri_ApiKeyInQuery_NeverAppearsInException()
    {
        var options = new ConnectorClientOptions { Authentication = new ApiKeyProvider("auth", "k3y-value", ApiKeyLocation.Query) };
        using var connector = TestConnector.RespondingJson("{}", options, HttpStatusCode.Unauthorized);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings?page=2").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<UnauthorizedException>(result.EnsureSuccess);

        Assert.Equal("?page=2&auth=k3y-value", connector.Request.Uri.Query); // the key did travel
        Assert.DoesNotContain("k3y-value", exception.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-value", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestUri_UserInfo_IsRemoved()
    {
        // Endpoint builders refuse user info; a response from elsewhere (here, parsed directly) may still carry it.
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("{}"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://admin:pa55word@api.test/v1/wings"),
        };
        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        var exception = Assert.Throws<BadRequestException>(result.EnsureSuccess);

        Assert.Equal(string.Empty, exception.RequestUri!.UserInfo);
        Assert.DoesNotContain("pa55word", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormatException_FromClient_CarriesEndpointAndRedactedUri()
    {
        using var connector = TestConnector.RespondingJson("<html>maintenance</html>");
        var endpoint = ConnectorEndpoint.Get("wings?token=s3cret").WithName("listWings").Build();

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Equal("listWings", exception.EndpointName);
        Assert.Equal("?token=REDACTED", exception.RequestUri!.Query);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(listWings)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_Context_ComposesMessageWithoutError()
    {
        var exception = new ConnectorException(new ConnectorExceptionContext
        {
            StatusCode = HttpStatusCode.Conflict,
            Method = HttpMethod.Post,
            RequestUri = new Uri("https://api.test/v1/wings"),
            EndpointName = "createWing",
        });

        Assert.Equal("POST https://api.test/v1/wings (createWing) failed with 409 Conflict.", exception.Message);
        Assert.Equal("createWing", exception.EndpointName);
    }

    [Fact]
    public void Ctor_NullContext_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ConnectorException((ConnectorExceptionContext)null!));
    }
}
