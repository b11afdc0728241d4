using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// What paging must never do: read the same pages forever, send credentials after a
/// server-supplied link to another host, swallow an error page, or send a request after the
/// caller cancelled. Each failure comes after the items already read were yielded.
/// </summary>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class PaginationSafetyTests(TestServerFixture servers)
{
    private LoopbackServer Primary => servers.Primary;

    private LoopbackServer Secondary => servers.Secondary;

    public static TheoryData<CredentialKind> Kinds() => new(Enum.GetValues<CredentialKind>());

    [Fact]
    public async Task PaginateAsync_NextLinkPointingBack_ThrowsLoopingAfterYieldingWhatWasRead()
    {
        // Page 3 points back at page 2: a server bug that would otherwise never end.
        var path = Primary.NewPrefix() + "/wings";
        Primary.Map(path, context =>
        {
            var page = int.Parse(context.Request.Query["page"].ToString() is { Length: > 0 } p ? p : "1", System.Globalization.CultureInfo.InvariantCulture);
            return Reply.Json(200, Page((page - 1) * 100, 100, next: $"{path}?page={(page == 3 ? 2 : page + 1)}"))(context);
        });
        using var client = servers.CreateClient();
        var wings = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.PaginateAsync(ConnectorEndpoint.Get(path).WithName("listWings").Build(), Pagination.RelativePath("next"), IntegrationJsonContext.Default.Wing).CollectAsync(wings));

        Assert.Equal(Enumerable.Range(0, 300), wings.Select(w => w.Id));
        Assert.Equal(3, Primary.RequestsTo(path).Count);
        Assert.Contains("listWings is looping", exception.Message, StringComparison.Ordinal);
        Assert.Contains("page=2", exception.Message, StringComparison.Ordinal);
        Assert.IsNotType<ConnectorResponseFormatException>(exception);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PaginateAsync_NextLinkToAnotherOrigin_IsRefusedAndNeverSent(CredentialKind kind)
    {
        var foreignPath = Secondary.Map(Reply.Json(200, Page(100, 100)));
        var path = Primary.Map(context => Reply.Json(200, Page(0, 100, next: Secondary.Url(foreignPath + context.Request.QueryString).ToString()))(context));
        using var client = servers.CreateClient(options => options.Authentication = Credentials.Create(kind));
        var wings = new List<Wing>();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), Pagination.FullPath("next"), IntegrationJsonContext.Default.Wing).CollectAsync(wings));

        Assert.Equal(100, wings.Count);
        Assert.Empty(Secondary.RequestsTo(foreignPath));
        Assert.Contains("another origin", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowCrossOriginLinks", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Credentials.Expected(kind), exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PaginateAsync_CrossOriginLinksAllowed_FollowsThemWithoutAnyCredential(CredentialKind kind)
    {
        // The link echoes the incoming query, so a query API key would ride along if it were not removed.
        var foreignPath = Secondary.Map(Reply.Json(200, Page(100, 50)));
        var path = Primary.Map(context => Reply.Json(200, Page(0, 100, next: Secondary.Url(foreignPath + context.Request.QueryString).ToString()))(context));
        using var client = servers.CreateClient(options =>
        {
            options.Authentication = Credentials.Create(kind);
            options.DefaultHeaders[Credentials.DefaultHeaderName] = Credentials.DefaultHeaderValue;
        });
        var endpoint = ConnectorEndpoint.Get(path).WithHeader(Credentials.CustomHeaderName, Credentials.CustomHeaderValue).Build();
        var strategy = Pagination.FullPath("next", options: new PaginationOptions { AllowCrossOriginLinks = true });

        var wings = await client.PaginateAsync(endpoint, strategy, IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(Enumerable.Range(0, 150), wings.Select(w => w.Id));
        var own = Assert.Single(Primary.RequestsTo(path));
        Assert.Equal(Credentials.Expected(kind), Credentials.Observed(own, kind));
        Assert.Equal(Credentials.CustomHeaderValue, own.Header(Credentials.CustomHeaderName));
        Credentials.AssertNone(Assert.Single(Secondary.RequestsTo(foreignPath)));
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("API_KEY")]
    [InlineData("api%5Fkey")]
    public async Task PaginateAsync_CrossOriginLinkCopyingTheKeyLiterally_DoesNotForwardIt(string writtenName)
    {
        // The next link pastes the decoded key back unescaped ('+' then reads as a space): the key's
        // parameter must go by its name, whatever its value looks like.
        const string key = "ab+cd/ef==";
        var foreignPath = Secondary.Map(Reply.Json(200, Page(100, 50)));
        var path = Primary.Map(context => Reply.Json(200, Page(0, 100, next: $"{Secondary.Url(foreignPath)}?page=2&{writtenName}={context.Request.Query[Credentials.ApiKeyQueryName]}"))(context));
        using var client = servers.CreateClient(options => options.Authentication = new ApiKeyProvider(Credentials.ApiKeyQueryName, key, ApiKeyLocation.Query));
        var strategy = Pagination.FullPath("next", options: new PaginationOptions { AllowCrossOriginLinks = true });

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), strategy, IntegrationJsonContext.Default.Wing).CollectAsync().WithSafetyTimeout();

        Assert.Equal(150, wings.Count);
        Assert.Equal([key], Assert.Single(Primary.RequestsTo(path)).QueryValues(Credentials.ApiKeyQueryName));
        var foreign = Assert.Single(Secondary.RequestsTo(foreignPath));
        Assert.Equal("?page=2", foreign.Query);
    }

    [Fact]
    public async Task PaginateAsync_LoopingNextLinkWithAKeyUnderAServiceName_ReportsItRedacted()
    {
        // API Management puts keys under subscription-key; a looping link that copies it must not print it.
        var path = Primary.NewPrefix() + "/wings";
        Primary.Map(path, context => Reply.Json(200, Page(0, 100, next: $"{path}?page=2&subscription-key=apim-s3cret"))(context));
        using var client = servers.CreateClient();
        var endpoint = ConnectorEndpoint.Get(path).WithQueryParameter("page", 2).WithQueryParameter("subscription-key", "apim-s3cret").Build();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.PaginateAsync(endpoint, Pagination.RelativePath("next"), IntegrationJsonContext.Default.Wing).CollectAsync().WithSafetyTimeout());

        Assert.Contains("looping", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("apim-s3cret", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("apim-s3cret", exception.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_ErrorOnPage3_ThrowsTheTypedExceptionAfter200Items()
    {
        var path = Primary.NewPrefix() + "/wings";
        Primary.Map(path, context => Number(context) < 3
            ? Reply.Json(200, Page((Number(context) - 1) * 100, 100))(context)
            : Reply.Json(500, """{"error": {"code": "500", "description": "The wing store is down."}}""")(context));
        using var client = servers.CreateClient();
        var wings = new List<Wing>();

        var exception = await Assert.ThrowsAsync<InternalServerErrorException>(() => client.PaginateAsync(ConnectorEndpoint.Get(path).WithName("listWings").Build(), Pagination.PageNumber("page", pageSize: 100), IntegrationJsonContext.Default.Wing).CollectAsync(wings));

        Assert.Equal(Enumerable.Range(0, 200), wings.Select(w => w.Id));
        Assert.Equal("The wing store is down.", exception.Error!.Description);
        Assert.Equal("listWings", exception.EndpointName);
        Assert.Equal(Primary.Url($"{path}?page=3"), exception.RequestUri);
        Assert.Equal(3, Primary.RequestsTo(path).Count);
    }

    [Fact]
    public async Task PaginateAsync_TransientFailureOnAPage_IsRetriedAndPagingGoesOn()
    {
        var failures = 0;
        var path = Primary.NewPrefix() + "/wings";
        Primary.Map(path, context => Number(context) == 2 && Interlocked.Increment(ref failures) == 1
            ? Reply.Status(503)(context)
            : Reply.Json(200, Page((Number(context) - 1) * 100, Number(context) < 3 ? 100 : 0))(context));
        using var client = servers.CreateClient(options =>
        {
            options.Resilience.MaxRetries = 2;
            options.Resilience.BaseDelay = TimeSpan.Zero;
            options.Resilience.MaxDelay = TimeSpan.Zero;
        });

        var wings = await client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), Pagination.PageNumber("page"), IntegrationJsonContext.Default.Wing).CollectAsync();

        Assert.Equal(200, wings.Count);
        Assert.Equal(["1", "2", "2", "3"], Primary.RequestsTo(path).Select(r => r.QueryValues("page").Single()));
    }

    [Fact]
    public async Task PaginateAsync_CancelledAfterPage2_SendsNoRequestForPage3()
    {
        var path = PagedWingsApi.Map(Primary, PagingStyle.PageNumber, 1003);
        using var client = servers.CreateClient();
        using var cancellation = new CancellationTokenSource();
        var wings = new List<Wing>();

        var source = client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(PagingStyle.PageNumber), IntegrationJsonContext.Default.Wing, cancellation.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var wing in source)
            {
                wings.Add(wing);
                if (wings.Count == 200)
                {
                    // The last item of page 2: the caller is done.
                    await cancellation.CancelAsync();
                }
            }
        }).WithSafetyTimeout();

        Assert.Equal(200, wings.Count);
        Assert.Equal(["1", "2"], Primary.RequestsTo(path).Select(r => r.QueryValues("page").Single()));
    }

    [Fact]
    public async Task PaginateAsync_CallerStopsEarly_SendsNoFurtherRequest()
    {
        var path = PagedWingsApi.Map(Primary, PagingStyle.Cursor, 1003);
        using var client = servers.CreateClient();
        var read = 0;

        await foreach (var wing in client.PaginateAsync(ConnectorEndpoint.Get(path).Build(), PagedWingsApi.Strategy(PagingStyle.Cursor), IntegrationJsonContext.Default.Wing).WithCancellation(new CancellationTokenSource(SafetyTimeout.Client).Token))
        {
            if (++read == 150)
            {
                break;
            }
        }

        Assert.Equal(2, Primary.RequestsTo(path).Count);
    }

    private static int Number(HttpContext context) =>
        int.TryParse(context.Request.Query["page"], out var page) ? page : 1;

    private static string Page(int first, int count, string? next = null)
    {
        var json = new StringBuilder("{\"data\": [");
        for (var id = first; id < first + count; id++)
        {
            json.Append(id == first ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"name\":\"wing ").Append(id).Append("\"}");
        }

        json.Append(']');
        if (next is not null)
        {
            json.Append(", \"next\": \"").Append(next).Append('"');
        }

        return json.Append('}').ToString();
    }
}
