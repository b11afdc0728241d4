using System.Net;
using System.Text.Json;

namespace CustomConnector.Tests.Endpoints;

public sealed class ConnectorPageTests
{
    private const string Body = """
        {
          "next": "wings?page=2",
          "meta": { "total": 1003, "totalText": "1003", "ratio": 1.5, "last": false, "nothing": null, "next": { "href": "/x" } },
          "paging": { "cursors": { "after": "c-100" } },
          "links": [ { "href": "a" }, { "href": "b" } ]
        }
        """;

    [Theory]
    [InlineData("next", "wings?page=2")]
    [InlineData("meta.next.href", "/x")]
    [InlineData("paging.cursors.after", "c-100")]
    [InlineData("links.1.href", "b")]
    [InlineData("meta.total", "1003")]
    [InlineData("meta.ratio", "1.5")]
    [InlineData("meta.last", "false")]
    public void GetString_DottedPath_FindsTheValueAnywhereInTheBody(string path, string expected)
    {
        Assert.Equal(expected, Page(Body).GetString(path));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("meta.missing")]
    [InlineData("meta.nothing")]
    [InlineData("meta.next")]
    [InlineData("links")]
    [InlineData("links.2.href")]
    [InlineData("links.x")]
    [InlineData("next.deeper")]
    [InlineData("Next")]
    public void GetString_MissingNullOrNonScalar_ReturnsNull(string path)
    {
        Assert.Null(Page(Body).GetString(path));
    }

    [Theory]
    [InlineData("meta.total", 1003L)]
    [InlineData("meta.totalText", 1003L)]
    [InlineData("meta.ratio", null)]
    [InlineData("next", null)]
    [InlineData("missing", null)]
    public void GetInt64_NumberOrDigits_ReturnsIt(string path, long? expected)
    {
        Assert.Equal(expected, Page(Body).GetInt64(path));
    }

    [Fact]
    public void TryGetValue_JsonNull_IsFoundAsNull()
    {
        Assert.True(Page(Body).TryGetValue("meta.nothing", out var value));
        Assert.Equal(JsonValueKind.Null, value.ValueKind);
    }

    [Fact]
    public void TryGetValue_PageWithoutOtherValues_FindsNothing()
    {
        Assert.False(Page(null).TryGetValue("next", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("meta..next")]
    [InlineData(".next")]
    [InlineData("next.")]
    public void TryGetValue_MalformedPath_ThrowsArgumentException(string path)
    {
        var exception = Assert.Throws<ArgumentException>(() => Page(Body).TryGetValue(path, out _));

        Assert.Equal("path", exception.ParamName);
    }

    [Fact]
    public void ToString_DescribesNumberCountAndStatus()
    {
        Assert.Equal("Page 3 (100 items, 200 OK)", Page(null, pageNumber: 3, itemCount: 100).ToString());
    }

    internal static ConnectorPage Page(string? body, int pageNumber = 1, int itemCount = 100, long? totalItemCount = null, string? linkHeader = null, string uri = "https://api.test/v1/wings?page=1")
    {
        Dictionary<string, JsonElement>? values = null;
        if (body is not null)
        {
            using var document = JsonDocument.Parse(body);
            values = [];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.Clone();
            }
        }

        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        if (linkHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("Link", linkHeader);
        }

        return new ConnectorPage(pageNumber, itemCount, totalItemCount ?? (long)pageNumber * itemCount, HttpStatusCode.OK, response.Headers, new Uri(uri), values);
    }
}
