using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

/// <summary>The one envelope reader, mode by mode: the same statuses, envelopes, limits and malformed bodies in each.</summary>
public sealed class EnvelopeReaderTests
{
    private static readonly ConnectorEnvelopeOptions DefaultEnvelope = new();
    private static readonly ConnectorEnvelopeOptions BareEnvelope = new() { DataProperty = string.Empty };
    private static readonly ResponseLimits Limits = new(1024, TimeProvider.System, TimeSpan.FromSeconds(30));
    private static readonly ResponseOrigin Origin = new("listWings", HttpMethod.Get, new Uri("https://api.test/v1/wings?api_key=s3cret&page=2"), RedactionPolicy.Default, new ConnectorExceptionMap(), 3);

    // Whole value

    [Fact]
    public async Task EveryMode_BodyStartsWithAByteOrderMark_SkipsIt()
    {
        // The whole-body modes (through JsonSerializer) and the stream mode (its own reader) agree.
        static HttpResponseMessage WithMark(string json) => new(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]) { Headers = { ContentType = new("application/json") } },
        };

        using var value = WithMark("""{"data": {"id": 7, "name": "East"}}""");
        using var page = WithMark("""{"data": [{"id": 7, "name": "East"}]}""");
        var stream = WithMark("""{"data": [{"id": 7, "name": "East"}]}""");

        Assert.Equal(new Wing(7, "East"), (await EnvelopeReader.ReadValueAsync(value, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None)).Data);
        Assert.Equal([new Wing(7, "East")], (await EnvelopeReader.ReadPageAsync(page, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None)).Items);
        var body = await EnvelopeReader.OpenStreamAsync(stream, DefaultEnvelope, Limits, Origin, CancellationToken.None);
        Assert.Equal([new Wing(7, "East")], await ToListAsync(EnvelopeReader.ReadStreamAsync(stream, body!, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None)));
    }

    [Fact]
    public async Task ReadValueAsync_Data_ReturnsDataWithTheCallsAttempts()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": {"id": 7, "name": "East"}}""");

        var result = await EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(new Wing(7, "East"), result.Data);
        Assert.Equal(3, result.Attempts);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task ReadValueAsync_ErrorStatus_ReturnsErrorWhoseExceptionDescribesTheCallRedacted()
    {
        using var response = Json(HttpStatusCode.NotFound, """{"error": {"code": "404", "description": "No such wing."}}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        var result = await EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.True(result.IsError);
        Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
        var exception = Assert.IsType<NotFoundException>(result.ToException());
        Assert.Equal("listWings", exception.EndpointName);
        Assert.Equal(3, exception.Attempts);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadValueAsync_ErrorEnvelopeIn2xx_TakesTheStatusFromTheErrorCode()
    {
        using var response = Json(HttpStatusCode.OK, """{"error": {"code": 403, "description": "Not yours."}}""");

        var result = await EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.IsType<ForbiddenException>(result.ToException());
    }

    [Fact]
    public async Task ReadValueAsync_Empty_GetDataOrThrowDescribesTheCall()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NoContent);

        var result = await EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        var exception = Assert.Throws<ConnectorException>(result.GetDataOrThrow);
        Assert.Contains("GET https://api.test/v1/wings?api_key=REDACTED&page=2 (listWings) returned no data (204 NoContent)", exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, exception.Attempts);
    }

    [Fact]
    public async Task ReadValueAsync_InvalidJson_NamesThePayloadType()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": {"id": "x"}}""");

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains("answered 200 OK, but the response has a body that is not valid JSON for Wing or is truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadValueAsync_DeclaredLengthOverTheLimit_SaysSoBeforeReading()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[2048]) };

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains("declares a body of 2048 bytes (Content-Length), more than the limit of 1024 bytes. Raise ConnectorClientOptions.MaxResponseContentBytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadValueAsync_BodyOverTheLimitWithoutLength_SaysBody()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json($$$"""{"data": {"id": 1, "name": "{{{new string('a', 2000)}}}"}}""") };

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadValueAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains("sent a body larger than the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
    }

    // Page

    [Fact]
    public async Task ReadPageAsync_Envelope_ReturnsItemsAndTheOtherTopLevelValues()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "meta": {"next": "c2"}, "total": 9}""");

        var (items, values) = await EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], items);
        Assert.NotNull(values);
        Assert.Equal(["meta", "total"], values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("c2", values["meta"].GetProperty("next").GetString());
    }

    [Fact]
    public async Task ReadPageAsync_BareArray_ReturnsItemsWithoutValues()
    {
        using var response = Json(HttpStatusCode.OK, """[{"id": 1, "name": "a"}]""");

        var (items, values) = await EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, BareEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Equal([new Wing(1, "a")], items);
        Assert.Null(values);
    }

    [Theory]
    [InlineData("""{"data": null, "next": null}""", true)]
    [InlineData("""{"data": []}""", false)]
    public async Task ReadPageAsync_NullOrEmptyData_ReturnsNoItemsAndKeepsTheValues(string json, bool hasValues)
    {
        using var response = Json(HttpStatusCode.OK, json);

        var (items, values) = await EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Empty(items);
        Assert.Equal(hasValues, values is not null);
    }

    [Fact]
    public async Task ReadPageAsync_NoContentOrEmptyChunkedBody_ReturnsNoItems()
    {
        using var noContent = new HttpResponseMessage(HttpStatusCode.NoContent);
        using var chunked = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json(string.Empty) };

        var (none, _) = await EnvelopeReader.ReadPageAsync(noContent, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);
        var (empty, _) = await EnvelopeReader.ReadPageAsync(chunked, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        Assert.Empty(none);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task ReadPageAsync_ErrorStatus_ThrowsTheTypedExceptionWithRetryAfter()
    {
        using var response = Json(HttpStatusCode.ServiceUnavailable, """{"error": {"code": "503", "description": "Later."}}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var exception = await Assert.ThrowsAsync<ServiceUnavailableException>(() => EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Equal("Later.", exception.Error?.Description);
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
        Assert.Equal("listWings", exception.EndpointName);
    }

    [Fact]
    public async Task ReadPageAsync_ErrorEnvelopeIn2xx_ThrowsByTheErrorCodeWithTheHeadersRetryAfter()
    {
        using var response = Json(HttpStatusCode.OK, """{"error": {"code": "429", "description": "Slow down."}, "data": [{"id": 1, "name": "a"}]}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<TooManyRequestsException>(() => EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(2), exception.RetryAfter);
    }

    [Theory]
    [InlineData("""{"data": {"id": 1}}""", "has a 'data' property that is not the array of items paging reads")]
    [InlineData("""{"data": [{"id": 1, "name": "a"}""", "has a body that is not valid JSON for Wing items or is truncated")]
    [InlineData("""[{"id": 1, "name": "a"}]""", "has a JSON body that is not an object with the 'data' property the envelope requires")]
    [InlineData("""{"items": []}""", "has a JSON body without the 'data' or 'error' property the envelope requires")]
    public async Task ReadPageAsync_NotAPage_ThrowsFormatExceptionSayingWhat(string json, string expected)
    {
        using var response = Json(HttpStatusCode.OK, json);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("GET https://api.test/v1/wings?api_key=REDACTED&page=2 (listWings) answered 200 OK, but the response ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPageAsync_DeclaredLengthOverTheLimit_SaysOnePage()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[2048]) };

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains("more than the limit of 1024 bytes for one page. Ask for smaller pages", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPageAsync_BodyOverTheLimitWithoutLength_SaysPage()
    {
        var items = string.Join(", ", Enumerable.Range(1, 100).Select(i => $$"""{"id": {{i}}, "name": "wing"}"""));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json($$"""{"data": [{{items}}]}""") };

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => EnvelopeReader.ReadPageAsync(response, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None).AsTask());

        Assert.Contains("sent a page larger than the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
    }

    // Stream

    [Fact]
    public async Task OpenStreamAsync_ErrorStatus_ThrowsTheTypedException()
    {
        using var response = Json(HttpStatusCode.BadRequest, """{"error": {"code": "400", "description": "Bad filter."}}""");

        var exception = await Assert.ThrowsAsync<BadRequestException>(() => EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None));

        Assert.Equal("Bad filter.", exception.Error?.Description);
    }

    [Fact]
    public async Task OpenStreamAsync_NoContent_ReturnsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NoContent);

        Assert.Null(await EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None));
    }

    [Fact]
    public async Task ReadStreamAsync_Envelope_YieldsEachElementAndDisposesTheResponse()
    {
        var response = Json(HttpStatusCode.OK, """{"meta": {}, "data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}""");
        var stream = await EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        var items = await ToListAsync(EnvelopeReader.ReadStreamAsync(response, stream!, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None));

        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], items);
        Assert.Throws<ObjectDisposedException>(() => response.Content.ReadAsStream());
    }

    [Fact]
    public async Task ReadStreamAsync_ErrorInTheBody_ThrowsTheTypedExceptionAfterTheElementsBeforeIt()
    {
        using var response = Json(HttpStatusCode.OK, """{"data": [{"id": 1, "name": "a"}], "error": {"code": "409", "description": "Changed."}}""");
        var stream = await EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None);
        var read = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var wing in EnvelopeReader.ReadStreamAsync(response, stream!, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None))
            {
                read.Add(wing);
            }
        });

        Assert.Equal([new Wing(1, "a")], read);
        Assert.Equal(HttpStatusCode.Conflict, exception.StatusCode);
    }

    [Theory]
    [InlineData("""{"items": []}""", "has a JSON body without the 'data' or 'error' property the envelope requires")]
    [InlineData("""{"data": [{"id": "x"}]}""", "has a body that is not valid JSON for Wing items or is truncated")]
    [InlineData("""{"data": {"id": 1}}""", "has a 'data' property that holds an object, not the array of items that paging and streaming read")]
    public async Task ReadStreamAsync_NotAnArrayEnvelope_ThrowsFormatExceptionSayingWhat(string json, string expected)
    {
        using var response = Json(HttpStatusCode.OK, json);
        var stream = await EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ToListAsync(EnvelopeReader.ReadStreamAsync(response, stream!, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("GET https://api.test/v1/wings?api_key=REDACTED&page=2 (listWings) answered 200 OK", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadStreamAsync_ElementOverTheLimit_SaysElement()
    {
        using var response = Json(HttpStatusCode.OK, $$$"""{"data": [{"id": 1, "name": "{{{new string('a', 2000)}}}"}]}""");
        var stream = await EnvelopeReader.OpenStreamAsync(response, DefaultEnvelope, Limits, Origin, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => ToListAsync(EnvelopeReader.ReadStreamAsync(response, stream!, TestJsonContext.Default.Wing, DefaultEnvelope, Limits, Origin, CancellationToken.None)));

        Assert.Contains("has a data element larger than the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
