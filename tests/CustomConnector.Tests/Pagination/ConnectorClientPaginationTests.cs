using System.Net;
using System.Text;
using System.Web;
using static CustomConnector.Tests.AsyncItems;

namespace CustomConnector.Tests.Pagination;

/// <summary>Paging and streaming through <see cref="ConnectorClient"/> over a mock handler: limits, safety rules, errors and metadata.</summary>
public sealed class ConnectorClientPaginationTests
{
    private static readonly IConnectorEndpoint Wings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();

    [Fact]
    public async Task PaginateAsync_MoreThanMaxPages_ThrowsAfterYieldingWhatWasRead()
    {
        using var connector = new TestConnector(request => Json(PageBody(Page(request) * 10, 10, next: $"wings?page={Page(request) + 1}")));
        var strategy = CustomConnector.Pagination.RelativePath("next", options: new PaginationOptions { MaxPages = 3 });
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, strategy, TestJsonContext.Default.Wing), items));

        Assert.Equal(30, items.Count);
        Assert.Equal(3, connector.Requests.Count);
        Assert.Contains("3 pages (PaginationOptions.MaxPages)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("listWings", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_MaxItems_StopsQuietlyWithoutAnotherRequest()
    {
        using var connector = new TestConnector(request => Json(PageBody((Page(request) - 1) * 100, 100)));
        var strategy = CustomConnector.Pagination.PageNumber("page", pageSize: 100, options: new PaginationOptions { MaxItems = 250 });

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, strategy, TestJsonContext.Default.Wing));
        var pages = await CollectAsync(connector.Client.PaginatePagesAsync(Wings, strategy, TestJsonContext.Default.Wing));

        Assert.Equal(Enumerable.Range(0, 250), items.Select(w => w.Id));
        Assert.Equal(6, connector.Requests.Count);
        Assert.Equal([100, 100, 50], pages.Select(p => p.Items.Count));
        Assert.Equal(100, pages[^1].ItemCount);
        Assert.Null(pages[^1].NextRequest);
    }

    [Fact]
    public async Task PaginateAsync_ShortPageWithANextLink_StopsWhenThePageSizeIsKnown()
    {
        using var connector = new TestConnector(request => Json(PageBody(0, 99, next: "wings?page=2")));

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("next", pageSize: 100), TestJsonContext.Default.Wing));

        Assert.Equal(99, items.Count);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_EmptyPageWithANextLink_Stops()
    {
        using var connector = new TestConnector(request => Json(PageBody(0, 0, next: "wings?page=2")));

        Assert.Empty(await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("next"), TestJsonContext.Default.Wing)));
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_CursorComingBack_ThrowsLoopingAfterYieldingThePages()
    {
        string[] cursors = ["A", "B", "A"];
        using var connector = new TestConnector(request =>
        {
            var index = HttpUtility.ParseQueryString(request.RequestUri!.Query)["after"] switch { null => 0, "A" => 1, _ => 2 };
            return Json(PageBody(index * 10, 10, cursor: cursors[index]));
        });
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.Cursor("meta.cursor", "after"), TestJsonContext.Default.Wing), items));

        Assert.Equal(30, items.Count);
        Assert.Equal(3, connector.Requests.Count);
        Assert.Contains("looping", exception.Message, StringComparison.Ordinal);
        Assert.Contains("after=A", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_StrategyThatThrows_FailsAfterTheItemsOfThePage()
    {
        using var connector = new TestConnector(_ => Json(PageBody(0, 10, next: "x")));
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, new ThrowingStrategy(), TestJsonContext.Default.Wing), items));

        Assert.Equal("strategy bug", exception.Message);
        Assert.Equal(10, items.Count);
    }

    [Theory]
    [InlineData("?page=2", "https://api.test/v1/wings?page=2")]
    [InlineData("/v1/wings?page=2", "https://api.test/v1/wings?page=2")]
    [InlineData("wings?page=2", "https://api.test/v1/wings?page=2")]
    [InlineData("//api.test/v1/wings?page=2", "https://api.test/v1/wings?page=2")]
    [InlineData("https://api.test/v1/other?page=2", "https://api.test/v1/other?page=2")]
    public async Task PaginateAsync_RelativeLink_IsResolvedAgainstThePageItCameFrom(string link, string expected)
    {
        using var connector = new TestConnector(request => Json(PageBody(0, 1, next: request.RequestUri!.Query.Length == 0 ? link : null)));

        await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("next"), TestJsonContext.Default.Wing));

        Assert.Equal(["https://api.test/v1/wings", expected], connector.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task PaginateAsync_LinkEchoingTheQueryApiKey_SendsTheKeyOnce()
    {
        using var connector = new TestConnector(
            request => Json(PageBody(0, 1, next: Page(request) == 1 ? $"wings{request.RequestUri!.Query}&page=2" : null)),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "k3y", ApiKeyLocation.Query) });

        await CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("next"), TestJsonContext.Default.Wing));

        Assert.Equal(2, connector.Requests.Count);
        Assert.Equal(["k3y"], HttpUtility.ParseQueryString(connector.Requests[1].Uri.Query).GetValues("api_key")!);
    }

    [Fact]
    public async Task PaginateAsync_LinkToATrustedOrigin_GetsCredentialsAndEndpointHeaders()
    {
        var options = new ConnectorClientOptions { Authentication = new BearerTokenProvider("t0ken") };
        options.TrustedOrigins.Add(new Uri("https://files.test"));
        using var connector = new TestConnector(request => Json(PageBody(0, 1, next: request.RequestUri!.Host == "api.test" ? "https://files.test/wings?page=2" : null)), options);
        var endpoint = ConnectorEndpoint.Get("wings").WithHeader("X-Trace", "on").Build();

        await CollectAsync(connector.Client.PaginateAsync(endpoint, CustomConnector.Pagination.RelativePath("next"), TestJsonContext.Default.Wing));

        Assert.Equal("Bearer t0ken", connector.Requests[1].Header("Authorization"));
        Assert.Equal("on", connector.Requests[1].Header("X-Trace"));
    }

    [Fact]
    public async Task PaginateAsync_CrossOriginLinkAllowed_SendsNoCredentialNoDefaultAndNoEndpointHeader()
    {
        var options = new ConnectorClientOptions { Authentication = new BearerTokenProvider("t0ken") };
        options.DefaultHeaders["X-Default"] = "d";
        using var connector = new TestConnector(request => Json(PageBody(0, 1, next: request.RequestUri!.Host == "api.test" ? "https://elsewhere.test/wings?page=2" : null)), options);
        var endpoint = ConnectorEndpoint.Get("wings").WithHeader("X-Trace", "on").Build();
        var strategy = CustomConnector.Pagination.RelativePath("next", options: new PaginationOptions { AllowCrossOriginLinks = true });

        await CollectAsync(connector.Client.PaginateAsync(endpoint, strategy, TestJsonContext.Default.Wing));

        Assert.Equal("Bearer t0ken", connector.Requests[0].Header("Authorization"));
        Assert.Equal("on", connector.Requests[0].Header("X-Trace"));
        Assert.Equal("elsewhere.test", connector.Requests[1].Uri.Host);
        Assert.Null(connector.Requests[1].Header("Authorization"));
        Assert.Null(connector.Requests[1].Header("X-Trace"));
        Assert.Null(connector.Requests[1].Header("X-Default"));
    }

    [Theory]
    [InlineData("http://api.test/v1/wings?page=2", "does not downgrade")]
    [InlineData("ftp://api.test/wings", "'ftp' URI")]
    [InlineData("https://elsewhere.test/wings?page=2&api_key=s3cret", "another origin")]
    public async Task PaginateAsync_LinkThatMustNotBeFollowed_ThrowsAfterThePageWithoutSendingIt(string link, string expected)
    {
        using var connector = new TestConnector(_ => Json(PageBody(0, 5, next: link)));
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.RelativePath("next"), TestJsonContext.Default.Wing), items));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Equal(5, items.Count);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_PostEndpoint_SendsItsBodyWithEveryPage()
    {
        using var connector = new TestConnector(request => Json(PageBody(0, 10, cursor: Page(request) == 1 && request.RequestUri!.Query.Length == 0 ? "c2" : null)));
        var search = ConnectorEndpoint.Post("wings/search").WithJsonBody(new Wing(0, "delta"), TestJsonContext.Default.Wing).Build();

        var items = await CollectAsync(connector.Client.PaginateAsync(search, CustomConnector.Pagination.Cursor("meta.cursor", "cursor"), TestJsonContext.Default.Wing));

        Assert.Equal(20, items.Count);
        Assert.All(connector.Requests, request => Assert.Equal("""{"id":0,"name":"delta"}""", request.BodyText));
        Assert.Equal("https://api.test/v1/wings/search?cursor=c2", connector.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task PaginateAsync_NoStrategyGiven_UsesTheEndpointsOwnAndAnExplicitOneWins()
    {
        using var connector = new TestConnector(request => Json(PageBody((Page(request) - 1) * 10, Page(request) < 3 ? 10 : 0)));
        var endpoint = ConnectorEndpoint.Get("wings").WithPagination(CustomConnector.Pagination.PageNumber("page")).Build();

        var paged = await CollectAsync(connector.Client.PaginateAsync(endpoint, TestJsonContext.Default.Wing));
        var single = await CollectAsync(connector.Client.PaginateAsync(endpoint, CustomConnector.Pagination.None, TestJsonContext.Default.Wing));
        var unpaged = await CollectAsync(connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing));

        Assert.Equal(20, paged.Count);
        Assert.Equal(10, single.Count);
        Assert.Equal(10, unpaged.Count);
    }

    [Fact]
    public async Task PaginateAsync_ReflectionOverload_ReadsWithTheClientsSerializerOptions()
    {
        using var connector = new TestConnector(request => Json(PageBody(0, 3)));

        var items = await CollectAsync(connector.Client.PaginateAsync<Wing>(Wings));

        Assert.Equal(new Wing(2, "wing 2"), items[2]);
    }

    [Fact]
    public async Task PaginatePagesAsync_YieldsEachPageWithItsMetadata()
    {
        using var connector = new TestConnector(request =>
        {
            var response = Json(PageBody((Page(request) - 1) * 2, Page(request) < 3 ? 2 : 0, extra: "\"meta\": {\"total\": 4}"));
            response.Headers.TryAddWithoutValidation("X-Total-Count", "4");
            return response;
        });

        var pages = await CollectAsync(connector.Client.PaginatePagesAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing));

        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.Equal([2, 2, 0], pages.Select(p => p.ItemCount));
        Assert.Equal([2L, 4L, 4L], pages.Select(p => p.TotalItemCount));
        Assert.Equal("https://api.test/v1/wings?page=2", pages[0].NextRequestUri!.AbsoluteUri);
        Assert.Equal("page=2", string.Join("&", pages[0].NextRequest!.QueryParameters.Select(p => $"{p.Key}={p.Value}")));
        Assert.Null(pages[2].NextRequestUri);
        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.StatusCode));
        Assert.Equal(4, pages[0].GetInt64("meta.total"));
        Assert.Equal("4", pages[1].Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("https://api.test/v1/wings?page=1", pages[0].RequestUri.AbsoluteUri);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent, "")]
    [InlineData(HttpStatusCode.OK, "")]
    [InlineData(HttpStatusCode.OK, """{"data": null}""")]
    public async Task PaginateAsync_EmptyResponse_IsAnEmptyLastPage(HttpStatusCode status, string body)
    {
        using var connector = new TestConnector(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        var pages = await CollectAsync(connector.Client.PaginatePagesAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing));

        Assert.Equal(0, Assert.Single(pages).ItemCount);
    }

    [Fact]
    public async Task PaginateAsync_ErrorEnvelopeInA2xxPage_ThrowsTheTypedException()
    {
        using var connector = new TestConnector(request => Page(request) == 1
            ? Json(PageBody(0, 10))
            : Json("""{"error": {"code": "404", "description": "Page 2 is gone."}}"""));
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<NotFoundException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing), items));

        Assert.Equal(10, items.Count);
        Assert.Equal("Page 2 is gone.", exception.Error!.Description);
        Assert.Equal("listWings", exception.EndpointName);
    }

    [Fact]
    public async Task PaginateAsync_ErrorStatus_UsesTheConnectorsExceptionMap()
    {
        var options = new ConnectorClientOptions();
        options.ExceptionMap.Register(HttpStatusCode.Conflict, context => new ConflictException(context));
        using var connector = new TestConnector(_ => Json("""{"error": {"code": "409", "description": "Busy."}}""", HttpStatusCode.Conflict), options);

        await Assert.ThrowsAsync<ConflictException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing)));
    }

    [Theory]
    [InlineData("""{"items": []}""", "without the 'data' or 'error' property")]
    [InlineData("""{"data": {"id": 1}}""", "not the array of items")]
    [InlineData("""{"data": [{"id": 1, "name": "a"}""", "not valid JSON for Wing items or is truncated")]
    public async Task PaginateAsync_PageBreakingTheConvention_ThrowsFormatException(string body, string expected)
    {
        using var connector = new TestConnector(_ => Json(body));

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing)));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.NotNull(exception.BodyExcerpt);
    }

    [Fact]
    public async Task PaginateAsync_PageLargerThanTheLimit_ThrowsFormatException()
    {
        using var connector = new TestConnector(_ => Json(PageBody(0, 50)), new ConnectorClientOptions { MaxResponseContentBytes = 200 });

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing)));

        Assert.Contains("limit of 200 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_ChunkedPageGrowingPastTheLimit_ThrowsFormatExceptionAfterEarlierPages()
    {
        using var connector = new TestConnector(
            request => new HttpResponseMessage(HttpStatusCode.OK) { Content = UnknownLengthContent.Json(PageBody((Page(request) - 1) * 2, Page(request) == 1 ? 2 : 50)) },
            new ConnectorClientOptions { MaxResponseContentBytes = 200 });
        var items = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing), items));

        Assert.Equal(2, items.Count);
        Assert.Contains("sent a page larger than the limit of 200 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_WholeBodyIsTheArray_PagesWithoutAnEnvelope()
    {
        using var connector = new TestConnector(request => Json(Page(request) == 1 ? """[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]""" : "[]"));
        var bare = ConnectorEndpoint.Get("wings").WithEnvelope(dataProperty: "").Build();

        var items = await CollectAsync(connector.Client.PaginateAsync(bare, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing));

        Assert.Equal([1, 2], items.Select(w => w.Id));
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public void PaginateAsync_BadArguments_ThrowWhenCalled()
    {
        using var connector = new TestConnector(_ => Json(PageBody(0, 1)), withDefaultBase: false);

        Assert.Throws<ArgumentNullException>(() => connector.Client.PaginateAsync(null!, TestJsonContext.Default.Wing));
        Assert.Throws<ArgumentNullException>(() => connector.Client.PaginatePagesAsync<Wing>(Wings, null, null!));
        Assert.Throws<ArgumentNullException>(() => connector.Client.StreamDataAsync(Wings, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Wing>)null!));
        Assert.Equal("endpoint", Assert.Throws<ArgumentException>(() => connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing)).ParamName);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_CancelledBeforeTheFirstPage_SendsNothing()
    {
        using var connector = new TestConnector(_ => Json(PageBody(0, 1)));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, TestJsonContext.Default.Wing, cancellation.Token)));

        Assert.Empty(connector.Requests);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task PaginateAsync_EitherTokenCancelledMidPage_StopsAtOnceWithoutAnotherRequest(bool cancelCallToken, bool cancelEnumeratorToken)
    {
        using var connector = new TestConnector(request => Json(PageBody((Page(request) - 1) * 10, 10)));
        using var callToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        var items = new List<Wing>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var wing in connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing, callToken.Token).WithCancellation(enumeratorToken.Token))
            {
                items.Add(wing);
                if (items.Count == 15)
                {
                    if (cancelCallToken)
                    {
                        await callToken.CancelAsync();
                    }

                    if (cancelEnumeratorToken)
                    {
                        await enumeratorToken.CancelAsync();
                    }
                }
            }
        });

        Assert.Equal(15, items.Count);
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task PaginateAsync_EnumeratedTwice_WalksThePagesAgain()
    {
        using var connector = new TestConnector(request => Json(PageBody((Page(request) - 1) * 10, Page(request) < 3 ? 10 : 0)));
        var wings = connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.PageNumber("page"), TestJsonContext.Default.Wing);

        Assert.Equal(20, (await CollectAsync(wings)).Count);
        Assert.Equal(20, (await CollectAsync(wings)).Count);
        Assert.Equal(6, connector.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent, "")]
    [InlineData(HttpStatusCode.OK, "")]
    [InlineData(HttpStatusCode.OK, """{"data": null}""")]
    [InlineData(HttpStatusCode.OK, """{"data": []}""")]
    public async Task StreamDataAsync_EmptyResponse_YieldsNothing(HttpStatusCode status, string body)
    {
        using var connector = new TestConnector(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        Assert.Empty(await CollectAsync(connector.Client.StreamDataAsync(Wings, TestJsonContext.Default.Wing)));
    }

    [Fact]
    public async Task StreamDataAsync_ErrorStatus_ThrowsTheTypedException()
    {
        using var connector = new TestConnector(_ => Json("""{"error": {"code": 503, "description": "Down."}}""", HttpStatusCode.ServiceUnavailable));

        var exception = await Assert.ThrowsAsync<ServiceUnavailableException>(() => CollectAsync(connector.Client.StreamDataAsync(Wings, TestJsonContext.Default.Wing)));

        Assert.Equal("Down.", exception.Error!.Description);
    }

    [Fact]
    public async Task StreamDataAsync_NoDataProperty_ThrowsFormatException()
    {
        using var connector = new TestConnector(_ => Json("""{"items": [1]}"""));

        await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => CollectAsync(connector.Client.StreamDataAsync(Wings, TestJsonContext.Default.Wing)));
    }

    [Fact]
    public async Task StreamDataAsync_WholeBodyArrayForAnEndpointWithoutEnvelope_YieldsItsElements()
    {
        using var connector = new TestConnector(_ => Json("""[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]"""));
        var bare = ConnectorEndpoint.Get("wings").WithEnvelope(dataProperty: "").Build();

        var items = await CollectAsync(connector.Client.StreamDataAsync(bare, TestJsonContext.Default.Wing));

        Assert.Equal([1, 2], items.Select(w => w.Id));
    }

    [Fact]
    public async Task PaginateAsync_MaxPagesWithAnEndpointKeyEchoedInTheLink_ReportsTheLinkRedacted()
    {
        // The endpoint's own query key has a name no default covers; the server copies it into every link.
        using var connector = new TestConnector(request => Json(PageBody(Page(request) * 10, 10, next: $"wings?page={Page(request) + 1}&sk=ab%2Bendpoint-s3cret&subscription-key=apim-s3cret")));
        var endpoint = ConnectorEndpoint.Get("wings").WithAuthentication(new ApiKeyProvider("sk", "ab+endpoint-s3cret", ApiKeyLocation.Query)).Build();
        var strategy = CustomConnector.Pagination.RelativePath("next", options: new PaginationOptions { MaxPages = 2 });

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(endpoint, strategy, TestJsonContext.Default.Wing)));

        Assert.Contains("PaginationOptions.MaxPages", exception.Message, StringComparison.Ordinal);
        Assert.Contains("sk=REDACTED", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_LoopingLinkWithAClientKeyAndUserInfo_ReportsItRedacted()
    {
        using var connector = new TestConnector(
            _ => Json(PageBody(0, 10, next: "https://svc:pa55w0rd@api.test/v1/wings?Client%5FKey=client-s3cret#frag-s3cret")),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("client_key", "client-s3cret", ApiKeyLocation.Query) });

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => CollectAsync(connector.Client.PaginateAsync(Wings, CustomConnector.Pagination.FullPath("next"), TestJsonContext.Default.Wing)));

        Assert.Contains("looping", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55w0rd", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_key=ab+cd/ef==")]
    [InlineData("API_KEY=ab%2Bcd%2Fef%3D%3D")]
    [InlineData("api%5Fkey=ab+cd%2fef==")]
    [InlineData("x=1;api_key=ab+cd/ef==")]
    public async Task PaginateAsync_CrossOriginLinkCarryingTheQueryKeyInAnyEncoding_DropsItByName(string copied)
    {
        using var connector = new TestConnector(
            request => Json(request.RequestUri!.Host == "api.test" ? PageBody(0, 10, next: $"https://cdn.test/wings?page=2&{copied}") : PageBody(10, 5)),
            new ConnectorClientOptions { Authentication = new ApiKeyProvider("api_key", "ab+cd/ef==", ApiKeyLocation.Query) });
        var strategy = CustomConnector.Pagination.FullPath("next", options: new PaginationOptions { AllowCrossOriginLinks = true });

        var items = await CollectAsync(connector.Client.PaginateAsync(Wings, strategy, TestJsonContext.Default.Wing));

        Assert.Equal(15, items.Count);
        Assert.Equal("https://api.test/v1/wings?api_key=ab%2Bcd%2Fef%3D%3D", connector.Requests[0].Uri.AbsoluteUri);
        var foreign = connector.Requests[1].Uri;
        Assert.Equal("cdn.test", foreign.Host);
        Assert.StartsWith("?page=2", foreign.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("cd", foreign.Query, StringComparison.OrdinalIgnoreCase);
    }

    private static int Page(HttpRequestMessage request) =>
        int.TryParse(HttpUtility.ParseQueryString(request.RequestUri!.Query)["page"], out var page) ? page : 1;

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) => TestConnector.Json(status, json);

    private static string PageBody(int first, int count, string? next = null, string? cursor = null, string? extra = null)
    {
        var body = new StringBuilder("{\"data\": [");
        for (var id = first; id < first + count; id++)
        {
            body.Append(id == first ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing ").Append(id).Append("\"}");
        }

        body.Append(']');
        if (next is not null)
        {
            body.Append(", \"next\": \"").Append(next).Append('"');
        }

        if (cursor is not null)
        {
            body.Append(", \"meta\": {\"cursor\": \"").Append(cursor).Append("\"}");
        }

        if (extra is not null)
        {
            body.Append(", ").Append(extra);
        }

        return body.Append('}').ToString();
    }

    private sealed class ThrowingStrategy : IPaginationStrategy
    {
        public PageRequest? GetNextRequest(ConnectorPage page) => throw new InvalidOperationException("strategy bug");
    }
}
