using CustomConnector.Internal;

namespace CustomConnector.Tests.Endpoints;

public sealed class PageRequestTests
{
    [Fact]
    public void WithQueryParameter_SameName_ReplacesTheEarlierValueAndLeavesTheOriginalAlone()
    {
        var first = PageRequest.FromQuery("page", 1);

        var second = first.WithQueryParameter("size", 10).WithQueryParameter("page", 2);

        Assert.Equal([new("page", "1")], first.QueryParameters);
        Assert.Equal([new("size", "10"), new("page", "2")], second.QueryParameters);
    }

    [Fact]
    public void FromQuery_FormatsWithTheInvariantCulture()
    {
        using var culture = new CultureScope("de-DE");

        Assert.Equal("1.5", PageRequest.FromQuery("x", 1.5m).QueryParameters[0].Value);
    }

    [Fact]
    public void ToString_RedactsCredentialLikeParameters()
    {
        var request = PageRequest.FromLink("https://user:pw@api.test/w?page=2&api_key=s3cret").WithQueryParameter("token", "t0ken").WithQueryParameter("old", null);

        var text = request.ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", text, StringComparison.Ordinal);
        Assert.Contains("page=2", text, StringComparison.Ordinal);
        Assert.Contains("old=(removed)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromLink_Blank_Throws()
    {
        Assert.Throws<ArgumentException>(() => PageRequest.FromLink(" "));
        Assert.Throws<ArgumentException>(() => PageRequest.FromQuery("", 1));
    }

    [Theory]
    [InlineData("https://h.test/w", "page=2", "https://h.test/w?page=2")]
    [InlineData("https://h.test/w?page=1&size=10", "page=2", "https://h.test/w?size=10&page=2")]
    [InlineData("https://h.test/w?a=x%26y&page=1&b=%20", "page=2", "https://h.test/w?a=x%26y&b=%20&page=2")]
    [InlineData("https://h.test/w?page=1&page=3", "page=2", "https://h.test/w?page=2")]
    [InlineData("https://h.test/w?pa%67e=1", "page=2", "https://h.test/w?page=2")]
    [InlineData("https://h.test/w?q=1#frag", "cursor=a b&c", "https://h.test/w?q=1&cursor=a%20b%26c#frag")]
    [InlineData("https://h.test/w?page=1&size=10", "page=", "https://h.test/w?size=10")]
    [InlineData("https://h.test/w?page=1", "page=", "https://h.test/w")]
    public void QueryEditor_Set_ReplacesOrRemovesOnlyTheNamedParameters(string uri, string parameter, string expected)
    {
        var separator = parameter.IndexOf('=', StringComparison.Ordinal);
        var value = parameter[(separator + 1)..];
        var request = PageRequest.FromQuery(parameter[..separator], value.Length == 0 ? null : value);

        Assert.Equal(expected, QueryEditor.Set(new Uri(uri), request.QueryParameters).AbsoluteUri);
    }
}
