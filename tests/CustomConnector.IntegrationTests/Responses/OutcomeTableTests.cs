using System.Net;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>Every row of DESIGN.md's outcome table, with the response coming over a real socket from Kestrel.</summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class OutcomeTableTests(TestServerFixture servers)
{
    private LoopbackServer Server => servers.Primary;

    [Theory]
    [InlineData(204)]
    [InlineData(205)]
    public async Task SendAsync_NoContentStatus_ReturnsEmpty(int status)
    {
        var path = Server.Map(Reply.Status(status));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Equal((HttpStatusCode)status, result.StatusCode);
        Assert.Null(result.Data);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_OkWithEmptyBody_ReturnsEmpty(bool chunked)
    {
        var path = Server.Map(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            if (chunked)
            {
                // Starting the response with no Content-Length makes Kestrel send a chunked body with no chunks.
                await context.Response.StartAsync(context.RequestAborted);
            }
        });
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
    }

    [Fact]
    public async Task SendAsync_DataNull_ReturnsEmpty()
    {
        var path = Server.Map(Reply.Json(200, """{"data": null}"""));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task SendAsync_DataObject_ReturnsData()
    {
        var path = Server.Map(Reply.Json(200, """{"data": {"id": 1001, "name": "Wing"}, "meta": {"ignored": true}}"""));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsData);
        Assert.Equal(new Wing(1001, "Wing"), result.Data);
        Assert.Equal(new Wing(1001, "Wing"), result.GetDataOrThrow());
    }

    [Fact]
    public async Task SendAsync_DataArrayOnCreated_ReturnsData()
    {
        var path = Server.Map(Reply.Json(201, """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}"""));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.ListWing).WithSafetyTimeout();

        Assert.True(result.IsData);
        Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], result.Data);
    }

    [Theory]
    [InlineData(400, """{"error": {"code": "400", "description": "Bad Request: Invalid input data."}}""", "400", "Bad Request: Invalid input data.", typeof(BadRequestException))]
    [InlineData(400, """{"error": {"code": 400, "description": "Bad Request: Invalid input data."}}""", "400", "Bad Request: Invalid input data.", typeof(BadRequestException))]
    [InlineData(401, """{"error": {"code": "unauthorized", "description": "Token expired."}}""", "unauthorized", "Token expired.", typeof(UnauthorizedException))]
    [InlineData(403, """{"error": {"code": 403, "description": "No access to wing 7."}}""", "403", "No access to wing 7.", typeof(ForbiddenException))]
    [InlineData(404, """{"error": {"code": 404, "description": "Wing 7 does not exist."}}""", "404", "Wing 7 does not exist.", typeof(NotFoundException))]
    [InlineData(409, """{"error": {"code": "409", "description": "Wing 7 already exists."}}""", "409", "Wing 7 already exists.", typeof(ConnectorException))]
    [InlineData(500, """{"error": {"code": 500, "description": "Database unavailable."}}""", "500", "Database unavailable.", typeof(InternalServerErrorException))]
    public async Task SendAsync_ErrorStatusWithEnvelope_ReturnsErrorThatThrowsTypedException(int status, string body, string code, string description, Type exceptionType)
    {
        var path = Server.Map(Reply.Json(status, body));
        using var client = servers.CreateClient();
        var endpoint = ConnectorEndpoint.Get(path).WithName("getWing").Build();

        var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal((HttpStatusCode)status, result.StatusCode);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(description, result.Error.Description);
        var thrown = Assert.Throws(exceptionType, () => result.GetDataOrThrow());
        Assert.IsType(exceptionType, Assert.ThrowsAny<ConnectorException>(result.EnsureSuccess));
        var exception = Assert.IsAssignableFrom<ConnectorException>(thrown);
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal("getWing", exception.EndpointName);
        Assert.Equal(HttpMethod.Get, exception.Method);
        Assert.Equal(Server.Url(path), exception.RequestUri);
        Assert.Contains(description, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BadGatewayHtmlPage_ReturnsErrorWithStatusAsCode()
    {
        var path = Server.Map(Reply.Body(502, "text/html; charset=utf-8", "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal("502", result.Error.Code);
        Assert.Equal("Bad Gateway", result.Error.Description);
        var exception = Assert.Throws<BadGatewayException>(() => result.GetDataOrThrow());
        Assert.Equal(HttpStatusCode.BadGateway, exception.StatusCode);
    }

    [Fact]
    public async Task SendAsync_EmptyServiceUnavailable_ReturnsErrorWithRetryAfter()
    {
        var path = Server.Map(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal("503", result.Error.Code);
        Assert.Equal("Service Unavailable", result.Error.Description);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        var exception = Assert.Throws<ServiceUnavailableException>(result.EnsureSuccess);
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_ProblemDetailsBadRequest_ReturnsErrorWithTitleAndDetail()
    {
        var path = Server.Map(Reply.Body(400, "application/problem+json", """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more validation errors occurred.", "status": 400, "detail": "Span must be positive."}"""));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal("400", result.Error.Code);
        Assert.Equal("One or more validation errors occurred.: Span must be positive.", result.Error.Description);
        Assert.Throws<BadRequestException>(() => result.GetDataOrThrow());
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithoutBody_ReturnsErrorThatThrowsWithRetryAfter()
    {
        var path = Server.Map(context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "7";
            return Task.CompletedTask;
        });
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal("429", result.Error.Code);
        var exception = Assert.Throws<TooManyRequestsException>(() => result.GetDataOrThrow());
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_SuccessStatusWithErrorEnvelope_ReturnsError()
    {
        var path = Server.Map(Reply.Json(200, """{"error": {"code": 404, "description": "Wing 7 does not exist."}}"""));
        using var client = servers.CreateClient();

        var result = await client.SendAsync(ConnectorEndpoint.Get(path).Build(), IntegrationJsonContext.Default.Wing).WithSafetyTimeout();

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("404", result.Error.Code);
        Assert.Equal("Wing 7 does not exist.", result.Error.Description);
        Assert.Throws<NotFoundException>(() => result.GetDataOrThrow());
    }

    public static TheoryData<string, string> MalformedSuccessBodies => new()
    {
        { "text/html", "<html><body>Maintenance marker-7f3a</body></html>" },
        { "application/json", """{"data": {"id": 1, "name": "marker-7f3a""" },
        { "application/json", """{"id": 1, "name": "marker-7f3a"}""" },
        { "application/json", """[{"id": 1, "name": "marker-7f3a"}]""" },
    };

    [Theory]
    [MemberData(nameof(MalformedSuccessBodies))]
    public async Task SendAsync_SuccessBodyNotJsonTruncatedOrWithoutEnvelope_ThrowsFormatException(string contentType, string body)
    {
        var path = Server.Map(Reply.Body(200, contentType, body));
        using var client = servers.CreateClient();
        var endpoint = ConnectorEndpoint.Get(path).WithName("listWings").Build();

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(
            () => client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing).WithSafetyTimeout());

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal("listWings", exception.EndpointName);
        Assert.Equal(contentType, exception.ContentType);
        Assert.Equal(body, exception.BodyExcerpt);
        Assert.Contains("listWings", exception.Message, StringComparison.Ordinal);
        Assert.Contains("200", exception.Message, StringComparison.Ordinal);
        // The excerpt is a property on purpose: bodies can hold personal data that must not reach logs through Message.
        Assert.DoesNotContain("marker-7f3a", exception.Message, StringComparison.Ordinal);
    }
}
