using System.Collections.Concurrent;
using System.Globalization;

namespace CustomConnector.Tests.Endpoints;

public sealed class ConnectorEndpointTemplateTests
{
    private static readonly ConnectorEndpointTemplate GetWing = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").BuildTemplate();

    [Fact]
    public async Task Bind_OnePlaceholder_SendsTheValueInThePath()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(GetWing.Bind("id", 1001));

        Assert.Equal("https://api.test/v1/wings/1001", request.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, request.Method);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a?b=c", "a%3Fb%3Dc")]
    [InlineData("a#b", "a%23b")]
    [InlineData("a b", "a%20b")]
    [InlineData("Zürich", "Z%C3%BCrich")]
    [InlineData("100%", "100%25")]
    [InlineData("../admin", "..%2Fadmin")]
    [InlineData("a&b;c", "a%26b%3Bc")]
    [InlineData("..\\admin", "..%5Cadmin")]
    [InlineData("%2e%2e", "%252e%252e")]
    public async Task Bind_ReservedOrNonAsciiValue_StaysOneEncodedSegmentAsWithPathParameter(string value, string encoded)
    {
        using var connector = TestConnector.NoContent();
        var template = ConnectorEndpoint.Get("wings/{id}/parts").BuildTemplate();

        var bound = template.Bind("id", value);
        var request = await connector.SendAndCaptureAsync(bound);

        Assert.Equal($"https://api.test/v1/wings/{encoded}/parts", request.Uri.AbsoluteUri);
        Assert.Equal(ConnectorEndpoint.Get("wings/{id}/parts").WithPathParameter("id", value).Build().RequestUri, bound.RequestUri);
    }

    [Fact]
    public void Bind_ValuesOfEveryKind_FormatLikeWithPathParameter()
    {
        object[] values = [7, -1.5, true, new DateOnly(2024, 5, 1), new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(2)), Guid.Empty, DayOfWeek.Monday, 12.5m];
        using var culture = new CultureScope("de-DE");
        foreach (var value in values)
        {
            Assert.Equal(
                ConnectorEndpoint.Get("x/{v}").WithPathParameter("v", value).Build().RequestUri,
                ConnectorEndpoint.Get("x/{v}").BuildTemplate().Bind("v", value).RequestUri);
        }
    }

    [Fact]
    public void Bind_TwoPlaceholders_FillsBothInEitherOrder()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").BuildTemplate();

        Assert.Equal("orgs/north/wings/7", template.Bind("org", "north", "id", 7).RequestUri);
        Assert.Equal("orgs/north/wings/7", template.Bind("id", 7, "org", "north").RequestUri);
    }

    [Fact]
    public void Bind_ManyPlaceholders_FillsThemAll()
    {
        var template = ConnectorEndpoint.Get("{a}/{b}/{c}").BuildTemplate();

        var bound = template.Bind(new("c", 3), new("a", "x y"), new("b", 2));

        Assert.Equal("x%20y/2/3", bound.RequestUri);
    }

    [Fact]
    public void Bind_PlaceholderFilledByTheBuilder_KeepsItAndFillsTheRest()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").WithPathParameter("org", "a/b").BuildTemplate();

        Assert.Equal(["id"], template.Placeholders);
        Assert.Equal("orgs/a%2Fb/wings/7", template.Bind("id", 7).RequestUri);
    }

    [Fact]
    public void Bind_PlaceholderFilledByTheBuilder_ThrowsArgumentExceptionSayingBindTakesTheOthers()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").WithPathParameter("org", "north").BuildTemplate();

        var exception = Assert.Throws<ArgumentException>(() => template.Bind("org", "south", "id", 7));

        Assert.Equal("name1", exception.ParamName);
        Assert.Contains("'{org}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("{id}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownPlaceholder_ThrowsArgumentExceptionNamingItAndTheKnownOnes()
    {
        var exception = Assert.Throws<ArgumentException>(() => GetWing.Bind("wingId", 7));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("'{wingId}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("{id}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Check the name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_PlaceholderLeftOpen_ThrowsArgumentExceptionNamingTheMissingOne()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").BuildTemplate();

        var exception = Assert.Throws<ArgumentException>(() => template.Bind("org", "north"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("unfilled: {id}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Give Bind a value for each of {org}, {id}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NoValuesForATemplateWithPlaceholders_ThrowsArgumentExceptionListingThem()
    {
        var exception = Assert.Throws<ArgumentException>(() => GetWing.Bind());

        Assert.Contains("{id}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SamePlaceholderTwice_ThrowsArgumentException()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").BuildTemplate();

        Assert.Throws<ArgumentException>(() => template.Bind("org", "a", "org", "b"));
        Assert.Throws<ArgumentException>(() => template.Bind(new("org", "a"), new("org", "b")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void Bind_RefusedValue_ThrowsArgumentExceptionOnTheValue(string? value)
    {
        var exception = Assert.Throws<ArgumentException>(() => GetWing.Bind("id", value));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("'id'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnpairedSurrogate_ThrowsArgumentException()
    {
        // Not an InlineData: the test runner would turn the lone surrogate into U+FFFD on its way in.
        var exception = Assert.Throws<ArgumentException>(() => GetWing.Bind("id", "a\uD800"));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void Bind_Collection_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => GetWing.Bind("id", new[] { 1, 2 }));
    }

    [Fact]
    public void Bind_NoPlaceholders_ReturnsTheSameEndpointEachTime()
    {
        var template = ConnectorEndpoint.Get("status").BuildTemplate();

        Assert.Same(template.Bind(), template.Bind());
        Assert.Equal("status", template.Bind().RequestUri);
    }

    [Fact]
    public void Bind_HostPlaceholderMakingAMalformedUri_ThrowsArgumentException()
    {
        var template = ConnectorEndpoint.Get("https://{host}/x").BuildTemplate();

        Assert.Throws<ArgumentException>(() => template.Bind("host", "a b"));
    }

    [Fact]
    public async Task Bind_KeepsEverythingTheBuilderSet()
    {
        using var connector = TestConnector.NoContent();
        var template = ConnectorEndpoint.Get("hangars/{hangar}/wings?sort=name")
            .WithName("search")
            .WithQueryParameter("tag", new[] { "delta", "a&b" })
            .WithHeader("X-Request-Source", "test")
            .AsIdempotent()
            .BuildTemplate();

        var bound = template.Bind("hangar", "north/7");
        var request = await connector.SendAndCaptureAsync(bound);

        Assert.Equal("search", bound.Name);
        Assert.Equal("https://api.test/v1/hangars/north%2F7/wings?sort=name&tag=delta&tag=a%26b", request.Uri.AbsoluteUri);
        Assert.Equal("test", request.Header("X-Request-Source"));
        Assert.True(bound.IsIdempotent);
    }

    [Fact]
    public void Bind_DefaultName_IsTheMethodAndPathWithoutTheQuery()
    {
        var template = ConnectorEndpoint.Get("wings/{id}?api_key=secret").BuildTemplate();

        Assert.Equal("GET wings/{id}", template.Name);
        Assert.Equal("GET wings/{id}", template.Bind("id", 1).Name);
        Assert.Equal(ConnectorEndpoint.Get("wings/{id}?api_key=secret").WithPathParameter("id", 1).Build().Name, template.Bind("id", 1).Name);
    }

    [Fact]
    public void Bind_ManyTimes_NeverLeaksAValueIntoAnotherEndpoint()
    {
        var first = GetWing.Bind("id", 1);
        var second = GetWing.Bind("id", 2);

        Assert.Equal("wings/1", first.RequestUri);
        Assert.Equal("wings/2", second.RequestUri);
        Assert.Equal("wings/{id}", GetWing.Template);
    }

    [Fact]
    public void Bind_InParallel_EachEndpointGetsItsOwnValues()
    {
        var template = ConnectorEndpoint.Get("orgs/{org}/wings/{id}").BuildTemplate();
        var wrong = new ConcurrentBag<string>();

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var expected = string.Create(CultureInfo.InvariantCulture, $"orgs/o{i}/wings/{i}");
            var uri = (i % 3) switch
            {
                0 => template.Bind("org", "o" + i.ToString(CultureInfo.InvariantCulture), "id", i).RequestUri,
                1 => template.Bind(new("id", i), new("org", "o" + i.ToString(CultureInfo.InvariantCulture))).RequestUri,
                _ => ConnectorEndpoint.Get("orgs/{org}/wings/{id}").WithPathParameter("org", "o" + i.ToString(CultureInfo.InvariantCulture)).WithPathParameter("id", i).Build().RequestUri,
            };
            if (uri != expected)
            {
                wrong.Add($"{expected} -> {uri}");
            }
        });

        Assert.Empty(wrong);
    }

    [Fact]
    public void ToString_RedactsTheTemplate()
    {
        var template = ConnectorEndpoint.Get("wings/{id}?api_key=secret").WithName("getWing").BuildTemplate();

        Assert.DoesNotContain("secret", template.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", template.Bind("id", 1).ToString(), StringComparison.Ordinal);
    }
}
