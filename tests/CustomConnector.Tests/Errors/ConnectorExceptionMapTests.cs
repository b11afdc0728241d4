using System.Net;

namespace CustomConnector.Tests.Errors;

public sealed class ConnectorExceptionMapTests
{
    public static TheoryData<HttpStatusCode, Type> TypedStatuses => new()
    {
        { HttpStatusCode.BadRequest, typeof(BadRequestException) },
        { HttpStatusCode.Unauthorized, typeof(UnauthorizedException) },
        { HttpStatusCode.Forbidden, typeof(ForbiddenException) },
        { HttpStatusCode.NotFound, typeof(NotFoundException) },
        { HttpStatusCode.TooManyRequests, typeof(TooManyRequestsException) },
        { HttpStatusCode.InternalServerError, typeof(InternalServerErrorException) },
        { HttpStatusCode.BadGateway, typeof(BadGatewayException) },
        { HttpStatusCode.ServiceUnavailable, typeof(ServiceUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(TypedStatuses))]
    public async Task GetDataOrThrow_ErrorStatus_ThrowsTypedException(HttpStatusCode status, Type expected)
    {
        using var connector = ErrorConnector(status);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").WithName("getWing").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws(expected, () => result.GetDataOrThrow());

        var connectorException = Assert.IsAssignableFrom<ConnectorException>(exception);
        Assert.Equal(status, connectorException.StatusCode);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), connectorException.Error!.Code);
        Assert.Equal("Something went wrong.", connectorException.Error.Description);
        Assert.Equal("getWing", connectorException.EndpointName);
        Assert.Equal(HttpMethod.Get, connectorException.Method);
        Assert.Equal("https://api.test/v1/wings/7", connectorException.RequestUri!.AbsoluteUri);
        Assert.Equal(
            $"GET https://api.test/v1/wings/7 (getWing) failed with {(int)status} {status}: Something went wrong.",
            connectorException.Message);
    }

    [Theory]
    [MemberData(nameof(TypedStatuses))]
    public async Task EnsureSuccess_ErrorStatus_ThrowsTypedException(HttpStatusCode status, Type expected)
    {
        using var connector = ErrorConnector(status);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Post("wings").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws(expected, result.EnsureSuccess);

        Assert.Equal(status, ((ConnectorException)exception).StatusCode);
        Assert.Equal(HttpMethod.Post, ((ConnectorException)exception).Method);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData((HttpStatusCode)418)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetDataOrThrow_OtherErrorStatus_ThrowsBaseExceptionWithStatus(HttpStatusCode status)
    {
        using var connector = ErrorConnector(status);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ConnectorException>(() => result.GetDataOrThrow());

        Assert.Equal(typeof(ConnectorException), exception.GetType());
        Assert.Equal(status, exception.StatusCode);
    }

    [Fact]
    public async Task Register_FactoryThroughClientOptions_ThrowsRegisteredException()
    {
        var options = new ConnectorClientOptions();
        options.ExceptionMap.Register(HttpStatusCode.Conflict, context => new ConflictException(context));
        using var connector = ErrorConnector(HttpStatusCode.Conflict, options);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").WithName("getWing").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ConflictException>(() => result.GetDataOrThrow());

        Assert.Equal(HttpStatusCode.Conflict, exception.StatusCode);
        Assert.Equal("getWing", exception.EndpointName);
        Assert.Equal("Something went wrong.", exception.Error!.Description);
    }

    [Fact]
    public async Task Register_BuiltInStatus_ReplacesBuiltInException()
    {
        var options = new ConnectorClientOptions();
        options.ExceptionMap.Register(HttpStatusCode.NotFound, context => new ConflictException(context));
        using var connector = ErrorConnector(HttpStatusCode.NotFound, options);
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), TestJsonContext.Default.Wing);

        Assert.Throws<ConflictException>(result.EnsureSuccess);
    }

    [Fact]
    public void Register_NullFactory_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ConnectorExceptionMap().Register(HttpStatusCode.Conflict, null!));
    }

    [Fact]
    public void Create_FactoryReturnsNull_ThrowsInvalidOperationException()
    {
        var map = new ConnectorExceptionMap().Register(HttpStatusCode.Conflict, _ => null!);

        var exception = Assert.Throws<InvalidOperationException>(() => map.Create(new ConnectorExceptionContext { StatusCode = HttpStatusCode.Conflict }));

        Assert.Contains("409", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypedStatuses))]
    public void CreateDefault_TypedStatus_ReturnsTypedException(HttpStatusCode status, Type expected)
    {
        var exception = ConnectorExceptionMap.CreateDefault(new ConnectorExceptionContext { StatusCode = status });

        Assert.Equal(expected, exception.GetType());
    }

    [Fact]
    public void CreateDefault_NoStatus_ReturnsBaseException()
    {
        var exception = ConnectorExceptionMap.CreateDefault(new ConnectorExceptionContext());

        Assert.Equal(typeof(ConnectorException), exception.GetType());
        Assert.Null(exception.StatusCode);
        Assert.Equal("The connector call failed.", exception.Message);
    }

    [Fact]
    public async Task GetDataOrThrow_SuccessStatusWithErrorEnvelope_UsesStatusFromErrorCode()
    {
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "403", "description": "Not yours."}}""");
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ForbiddenException>(() => result.GetDataOrThrow());

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, exception.StatusCode);
    }

    [Fact]
    public async Task GetDataOrThrow_SuccessStatusWithNonNumericErrorCode_ThrowsBaseException()
    {
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "quota_exceeded", "description": "Try tomorrow."}}""");
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings/7").Build(), TestJsonContext.Default.Wing);

        var exception = Assert.Throws<ConnectorException>(() => result.GetDataOrThrow());

        Assert.Equal(typeof(ConnectorException), exception.GetType());
        Assert.Equal("quota_exceeded", exception.Error!.Code);
        Assert.Contains("Try tomorrow.", exception.Message, StringComparison.Ordinal);
    }

    private static TestConnector ErrorConnector(HttpStatusCode status, ConnectorClientOptions? options = null) =>
        TestConnector.RespondingJson(
            $$$"""{"error": {"code": {{{(int)status}}}, "description": "Something went wrong."}}""",
            options,
            status);
}
