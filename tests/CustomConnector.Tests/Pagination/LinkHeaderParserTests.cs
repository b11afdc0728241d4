using CustomConnector.Internal;

namespace CustomConnector.Tests.Pagination;

public sealed class LinkHeaderParserTests
{
    [Theory]
    [InlineData("""<https://api.test/wings?page=2>; rel="next" """, "https://api.test/wings?page=2")]
    [InlineData("""<https://api.test/wings?page=2>; rel=next""", "https://api.test/wings?page=2")]
    [InlineData("""<https://api.test/wings?page=2>;rel="next";title="Next""", "https://api.test/wings?page=2")]
    [InlineData("""<https://api.test/wings?page=1>; rel="prev", <https://api.test/wings?page=3>; rel="next", <https://api.test/wings?page=9>; rel="last" """, "https://api.test/wings?page=3")]
    [InlineData("""<https://api.test/wings?page=9>; rel="last",<https://api.test/wings?page=3>;rel="next" """, "https://api.test/wings?page=3")]
    [InlineData("""<https://api.test/wings?page=3>; REL="NEXT" """, "https://api.test/wings?page=3")]
    [InlineData("""<https://api.test/wings?page=3>; rel="last next" """, "https://api.test/wings?page=3")]
    [InlineData("""<https://api.test/wings?page=3>; rel="next	prefetch" """, "https://api.test/wings?page=3")]
    [InlineData("""<https://api.test/wings?page=3>; rel = "next" """, "https://api.test/wings?page=3")]
    [InlineData("""  <  /wings?page=3  > ; rel="next" """, "/wings?page=3")]
    [InlineData("""<?cursor=a,b;c>; rel="next" """, "?cursor=a,b;c")]
    public void Find_NextLink_ReturnsItsTarget(string header, string expected)
    {
        Assert.Equal(expected, LinkHeaderParser.Find(header, "next"));
    }

    [Fact]
    public void Find_QuotedParametersWithCommasAndSemicolons_DoNotSplitTheLink()
    {
        const string Header = """<https://api.test/a>; title="first, then; second"; rel="prev", <https://api.test/b>; title="a \"quoted\", text"; rel="next" """;

        Assert.Equal("https://api.test/b", LinkHeaderParser.Find(Header, "next"));
        Assert.Equal("https://api.test/a", LinkHeaderParser.Find(Header, "prev"));
    }

    [Fact]
    public void Find_QuotedCommaThatLooksLikeAnotherLink_IsNotALink()
    {
        const string Header = """<https://api.test/a>; title="x, <https://evil.test/>; rel=next"; rel="first" """;

        Assert.Null(LinkHeaderParser.Find(Header, "next"));
    }

    [Fact]
    public void Find_SeveralHeaderValues_SearchesThemAll()
    {
        string[] values = ["""<https://api.test/w?page=1>; rel="first" """, """<https://api.test/w?page=2>; rel="next" """];

        Assert.Equal("https://api.test/w?page=2", LinkHeaderParser.Find(values, "next"));
    }

    [Theory]
    [InlineData("""<https://api.test/w?page=9>; rel="last" """)]
    [InlineData("""<https://api.test/w?page=2>; title="next" """)]
    [InlineData("""<https://api.test/w?page=2>; rel="nextpage" """)]
    [InlineData("""<https://api.test/w?page=2>; rel="prev"; rel="next" """)]
    [InlineData("""<https://api.test/w?page=2; rel="next" """)]
    [InlineData("""https://api.test/w?page=2; rel="next" """)]
    [InlineData("""<>; rel="next" """)]
    [InlineData("")]
    public void Find_NoUsableNextLink_ReturnsNull(string header)
    {
        Assert.Null(LinkHeaderParser.Find(header, "next"));
    }

    [Fact]
    public void Find_GarbageBeforeAValidLink_SkipsToIt()
    {
        Assert.Equal("https://api.test/w?page=2", LinkHeaderParser.Find("""garbage; rel="next", <https://api.test/w?page=2>; rel="next" """, "next"));
    }
}
