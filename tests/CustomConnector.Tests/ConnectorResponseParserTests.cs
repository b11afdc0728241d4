using System.Net;
using System.Text;

namespace CustomConnector.Tests;

public sealed class ConnectorResponseParserTests
{
    private const string RequestUri = "https://api.test/v1/wings?api_key=s3cret&page=2";

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.ResetContent)]
    public async Task ParseAsync_NoContentStatus_ReturnsEmpty(HttpStatusCode status)
    {
        using var response = new HttpResponseMessage(status);

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Equal(status, result.StatusCode);
        Assert.Null(result.Data);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task ParseAsync_OkWithContentLengthZero_ReturnsEmpty()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        Assert.Equal(0, response.Content.Headers.ContentLength);

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsEmpty);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
    }

    [Fact]
    public async Task ParseAsync_OkWithEmptyBodyOfUnknownLength_ReturnsEmpty()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json(string.Empty) };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public async Task ParseAsync_DataNull_ReturnsEmpty()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": null}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
    }

    [Fact]
    public async Task ParseAsync_DataNullForValueType_ReturnsEmpty()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": null}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Int32);

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
    }

    [Fact]
    public async Task ParseAsync_DataZeroForValueType_ReturnsData()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": 0}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Int32);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(0, result.Data);
    }

    [Fact]
    public async Task ParseAsync_DataObject_ReturnsData()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": {"id": 1001, "name": "Wing"}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(new Wing(1001, "Wing"), result.Data);
    }

    [Fact]
    public async Task ParseAsync_DataArray_ReturnsData()
    {
        using var response = Json(HttpStatusCode.Created, """{"data": [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.ListWing);

        Assert.True(result.IsData);
        Assert.Equal(HttpStatusCode.Created, result.StatusCode);
        Assert.Equal([new Wing(1, "A"), new Wing(2, "B")], result.Data);
    }

    [Fact]
    public async Task ParseAsync_DataAfterOtherProperties_ReturnsData()
    {
        using var response = Json(HttpStatusCode.OK, """{"meta": {"page": 1, "tags": ["x"]}, "data": {"id": 1, "name": "A", "extra": [1, 2]}, "links": null}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(new Wing(1, "A"), result.Data);
    }

    [Fact]
    public async Task ParseAsync_ErrorEnvelopeWithStringCode_ReturnsError()
    {
        using var response = Json(HttpStatusCode.BadRequest, """{"error": {"code": "400", "description": "Bad Request: Invalid input data."}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, result.StatusCode);
        Assert.Equal("400", result.Error!.Code);
        Assert.Equal("Bad Request: Invalid input data.", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_ErrorEnvelopeWithNumericCode_ReturnsError()
    {
        using var response = Json(HttpStatusCode.NotFound, """{"error": {"code": 404, "description": "Wing 7 does not exist."}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("404", result.Error.Code);
        Assert.Equal("Wing 7 does not exist.", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_ErrorStatusWithHtmlPage_ReturnsErrorWithStatusAsCode()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body><h1>502 Bad Gateway</h1></body></html>", Encoding.UTF8, "text/html"),
            ReasonPhrase = "Bad Gateway",
        };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal(HttpStatusCode.BadGateway, result.StatusCode);
        Assert.Equal("502", result.Error.Code);
        Assert.Equal("Bad Gateway", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_EmptyServiceUnavailable_ReturnsErrorWithReasonPhrase()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]) };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("503", result.Error.Code);
        Assert.Equal("Service Unavailable", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_ErrorWithoutBodyOrReasonPhrase_DescribesStatus()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)599) { ReasonPhrase = string.Empty };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("599", result.Error.Code);
        Assert.Contains("599", result.Error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ProblemDetails_TitleAndDetailBecomeDescription()
    {
        using var response = Json(
            HttpStatusCode.UnprocessableEntity,
            """{"type": "https://example.test/probs/invalid", "title": "Invalid input", "status": 422, "detail": "Name is required."}""",
            "application/problem+json");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("422", result.Error.Code);
        Assert.Equal("Invalid input: Name is required.", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_ProblemDetailsWithTitleOnly_TitleBecomesDescription()
    {
        using var response = Json(HttpStatusCode.Forbidden, """{"title": "Not allowed", "status": 403}""", "application/problem+json");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal("403", result.Error!.Code);
        Assert.Equal("Not allowed", result.Error.Description);
    }

    [Theory]
    [InlineData("""{"status": "down", "retry": true}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{"error": 42}""")]
    [InlineData("""{"data": {"id": 1}""")]
    [InlineData("not json at all")]
    public async Task ParseAsync_ErrorStatusWithOtherBody_ReturnsErrorWithStatusAsCode(string body)
    {
        using var response = Json(HttpStatusCode.InternalServerError, body);

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.True(result.IsError);
        Assert.Equal("500", result.Error.Code);
        Assert.Equal("Internal Server Error", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_ErrorBodyLargerThanLimit_ReturnsErrorWithoutReadingIt()
    {
        var options = new ConnectorClientOptions { MaxResponseContentBytes = 64 };
        using var response = Json(HttpStatusCode.BadRequest, $$$"""{"error": {"code": "400", "description": "{{{new string('x', 200)}}}"}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing, options);

        Assert.True(result.IsError);
        Assert.Equal("400", result.Error.Code);
        Assert.Equal("Bad Request", result.Error.Description);
    }

    [Fact]
    public async Task ParseAsync_SuccessStatusWithErrorEnvelope_ReturnsError()
    {
        using var response = Json(HttpStatusCode.OK, """{"error": {"code": "404", "description": "Wing 7 does not exist."}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("404", result.Error!.Code);
        Assert.Throws<NotFoundException>(() => result.GetDataOrThrow());
    }

    [Fact]
    public async Task ParseAsync_SuccessStatusWithNonJsonBody_ThrowsFormatExceptionWithExcerptOutsideMessage()
    {
        const string Body = "<html><body>Please sign in</body></html>";
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(Body, Encoding.UTF8, "text/html"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, RequestUri),
        };

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal("text/html; charset=utf-8", exception.ContentType);
        Assert.Equal(Body, exception.BodyExcerpt);
        Assert.DoesNotContain("Please sign in", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(exception.InnerException);
        Assert.Equal(HttpMethod.Get, exception.Method);
        Assert.Equal("https://api.test/v1/wings?api_key=REDACTED&page=2", exception.RequestUri!.AbsoluteUri);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_OptionsWithAQueryKeyAndARequestWithUserInfo_DescribesTheRequestRedacted()
    {
        using var response = Json(HttpStatusCode.NotFound, """{"error": {"code": "404", "description": "No such wing."}}""");
        response.RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://svc:pa55w0rd@api.test/v1/wings?sk=key-s3cret&code=fn-s3cret&page=2#frag-s3cret");
        var options = new ConnectorClientOptions { Authentication = new ApiKeyProvider("sk", "key-s3cret", ApiKeyLocation.Query) };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing, options);
        var exception = Assert.Throws<NotFoundException>(() => result.EnsureSuccess());

        Assert.Equal("https://api.test/v1/wings?sk=REDACTED&code=REDACTED&page=2", exception.RequestUri!.AbsoluteUri);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_TruncatedJson_ThrowsFormatException()
    {
        const string Body = """{"data": {"id": 1, "na""";
        using var response = Json(HttpStatusCode.OK, Body);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
        Assert.Equal("application/json; charset=utf-8", exception.ContentType);
        Assert.Equal(Body, exception.BodyExcerpt);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_JsonWithoutEnvelope_ThrowsFormatExceptionNamingTheProperties()
    {
        const string Body = """{"id": 1, "name": "secret-looking payload"}""";
        using var response = Json(HttpStatusCode.OK, Body);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing));

        Assert.Contains("'data' or 'error' property", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Body, exception.BodyExcerpt);
        Assert.DoesNotContain("secret-looking", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
    }

    [Fact]
    public async Task ParseAsync_DataOfWrongShape_ThrowsFormatException()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": "a string, not a wing"}""");

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing));

        Assert.Contains("Wing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_LongBody_ExcerptIsCapped()
    {
        var body = "<html>" + new string('x', 5000);
        using var response = Json(HttpStatusCode.OK, body, "text/html");

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing));

        Assert.NotNull(exception.BodyExcerpt);
        Assert.StartsWith("<html>xxx", exception.BodyExcerpt, StringComparison.Ordinal);
        Assert.True(exception.BodyExcerpt.Length <= 512, $"Excerpt is {exception.BodyExcerpt.Length} characters.");
    }

    [Fact]
    public async Task ParseAsync_ContentLengthAboveLimit_ThrowsFormatExceptionSayingSo()
    {
        var options = new ConnectorClientOptions { MaxResponseContentBytes = 16 };
        using var response = Json(HttpStatusCode.OK, """{"data": {"id": 1, "name": "more than sixteen bytes"}}""");

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing, options));

        Assert.Contains("Content-Length", exception.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 16 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseContentBytes", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.BodyExcerpt); // nothing was read
    }

    [Fact]
    public async Task ParseAsync_BodyOfUnknownLengthAboveLimit_ThrowsFormatExceptionSayingSo()
    {
        var options = new ConnectorClientOptions { MaxResponseContentBytes = 1024 };
        var items = string.Join(",", Enumerable.Range(1, 500).Select(i => $$"""{"id": {{i}}, "name": "wing {{i}}"}"""));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json($$"""{"data": [{{items}}]}""") };
        Assert.Null(response.Content.Headers.ContentLength);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.ListWing, options));

        Assert.Contains("larger than the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseContentBytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_BodyOfUnknownLengthWithinLimit_ReturnsData()
    {
        var options = new ConnectorClientOptions { MaxResponseContentBytes = 1024 };
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json("""{"data": [{"id": 1, "name": "A"}]}""") };

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.ListWing, options);

        Assert.Equal([new Wing(1, "A")], result.Data);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public async Task ParseAsync_BodyOfUnknownLengthAtLimit_IsReadAndOneByteMoreFails(int limitOffset, bool succeeds)
    {
        const string Body = """{"data": [{"id": 1, "name": "A"}]}""";
        var options = new ConnectorClientOptions { MaxResponseContentBytes = Encoding.UTF8.GetByteCount(Body) + limitOffset };
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json(Body) };

        var exception = await Record.ExceptionAsync(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.ListWing, options));

        if (succeeds)
        {
            Assert.Null(exception);
        }
        else
        {
            Assert.IsType<ConnectorResponseFormatException>(exception);
        }
    }

    [Fact]
    public async Task ParseAsync_OptionsWithBareEnvelope_ReadsWholeBody()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.DataProperty = string.Empty;
        using var response = Json(HttpStatusCode.OK, """[{"id": 1, "name": "A"}]""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.ListWing, options);

        Assert.Equal([new Wing(1, "A")], result.Data);
    }

    [Fact]
    public async Task ParseAsync_OptionsWithExceptionMap_ResultThrowsMappedException()
    {
        var options = new ConnectorClientOptions();
        options.ExceptionMap.Register(HttpStatusCode.Conflict, context => new ConflictException(context));
        using var response = Json(HttpStatusCode.Conflict, """{"error": {"code": "409", "description": "Version mismatch."}}""");

        var result = await ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing, options);

        Assert.Throws<ConflictException>(() => result.GetDataOrThrow());
    }

    [Fact]
    public async Task ParseAsync_NullArguments_ThrowArgumentNullException()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NoContent);

        await Assert.ThrowsAsync<ArgumentNullException>(() => ConnectorResponseParser.ParseAsync(null!, TestJsonContext.Default.Wing));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ConnectorResponseParser.ParseAsync<Wing>(response, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => ConnectorResponseParser.ParseAsync(response, TestJsonContext.Default.Wing, null!));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, mediaType),
        RequestMessage = new HttpRequestMessage(HttpMethod.Get, RequestUri),
    };
}
