using System.Globalization;

namespace CustomConnector.Tests.Endpoints;

public sealed class ConnectorEndpointBuilderTests
{
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
    public async Task WithPathParameter_ReservedOrNonAsciiValue_StaysOneEncodedSegment(string value, string encoded)
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("wings/{id}/parts").WithPathParameter("id", value).Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal($"https://api.test/v1/wings/{encoded}/parts", request.Uri.AbsoluteUri);
        Assert.Equal(["/", "v1/", "wings/", $"{encoded}/", "parts"], request.Uri.Segments);
        Assert.Equal(string.Empty, request.Uri.Query);
        Assert.Equal(string.Empty, request.Uri.Fragment);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void WithPathParameter_DotSegment_ThrowsArgumentException(string value)
    {
        var builder = ConnectorEndpoint.Get("wings/{id}");

        var exception = Assert.Throws<ArgumentException>(() => builder.WithPathParameter("id", value));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void WithPathParameter_EmptyValue_ThrowsArgumentException()
    {
        // "wings/{id}" with "" would address the collection "wings/" instead of one wing.
        var builder = ConnectorEndpoint.Get("wings/{id}");

        var exception = Assert.Throws<ArgumentException>(() => builder.WithPathParameter("id", string.Empty));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("'id'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_UnknownPlaceholder_ThrowsArgumentExceptionNamingBoth()
    {
        var builder = ConnectorEndpoint.Get("orgs/{org}/wings/{id}");

        var exception = Assert.Throws<ArgumentException>(() => builder.WithPathParameter("wingId", 7));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("{wingId}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("{org}, {id}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_UriWithoutPlaceholders_SaysItHasNone()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithPathParameter("id", 7));

        Assert.Contains("it has none", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_NullValue_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", null));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void WithPathParameter_Collection_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", new[] { 1, 2 }));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("collection", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_SameNameTwice_LastValueWins()
    {
        var endpoint = ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", 1).WithPathParameter("id", 2).Build();

        Assert.Equal("wings/2", endpoint.RequestUri);
    }

    [Fact]
    public void Build_UnfilledPlaceholders_ListsThemAll()
    {
        var builder = ConnectorEndpoint.Get("orgs/{org}/wings/{id}/parts/{part}").WithName("getPart").WithPathParameter("org", "acme");

        var exception = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("{id}, {part}", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{org}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("getPart", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathParameter_GermanCulture_FormatsInvariantly()
    {
        using var culture = new CultureScope("de-DE");
        Assert.Equal("1,5", 1.5m.ToString(CultureInfo.CurrentCulture)); // the culture really is in effect

        var endpoint = ConnectorEndpoint.Get("a/{decimal}/{double}/{date}/{flag}/{day}/{guid}/{kind}")
            .WithPathParameter("decimal", 1234.5m)
            .WithPathParameter("double", 0.25d)
            .WithPathParameter("date", new DateTime(2024, 3, 9, 14, 5, 6, DateTimeKind.Utc))
            .WithPathParameter("flag", true)
            .WithPathParameter("day", new DateOnly(2024, 3, 9))
            .WithPathParameter("guid", new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"))
            .WithPathParameter("kind", DayOfWeek.Monday)
            .Build();

        Assert.Equal("a/1234.5/0.25/2024-03-09T14%3A05%3A06.0000000Z/true/2024-03-09/0f8fad5b-d9cb-469f-a165-70867728950e/Monday", endpoint.RequestUri);
    }

    [Fact]
    public async Task WithQueryParameter_ReservedCharacters_AreEncoded()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("search").WithQueryParameter("q", "a&b=c d/é#?+").WithQueryParameter("sort by", "name").Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("https://api.test/v1/search?q=a%26b%3Dc%20d%2F%C3%A9%23%3F%2B&sort%20by=name", request.Uri.AbsoluteUri);
        Assert.Equal(string.Empty, request.Uri.Fragment);
    }

    [Fact]
    public void WithQueryParameter_SameNameTwice_Repeats()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithQueryParameter("tag", "a").WithQueryParameter("tag", "b").Build();

        Assert.Equal("wings?tag=a&tag=b", endpoint.RequestUri);
    }

    [Fact]
    public void WithQueryParameter_Collection_ExpandsIntoRepeatedParameter()
    {
        var endpoint = ConnectorEndpoint.Get("wings")
            .WithQueryParameter("tag", new[] { "a", "b c" })
            .WithQueryParameter("id", new List<int> { 1, 2 })
            .Build();

        Assert.Equal("wings?tag=a&tag=b%20c&id=1&id=2", endpoint.RequestUri);
    }

    [Fact]
    public void WithQueryParameter_Null_AddsNothing()
    {
        var endpoint = ConnectorEndpoint.Get("wings")
            .WithQueryParameter("page", null)
            .WithQueryParameter("tag", new string?[] { null, "a", null })
            .Build();

        Assert.Equal("wings?tag=a", endpoint.RequestUri);
    }

    [Fact]
    public void WithQueryParameter_NoValues_LeavesUriWithoutQuery()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithQueryParameter("tag", Array.Empty<string>()).Build();

        Assert.Equal("wings", endpoint.RequestUri);
    }

    [Theory]
    [InlineData("wings?sort=name", "wings?sort=name&tag=a")]
    [InlineData("wings?", "wings?tag=a")]
    [InlineData("wings?sort=name&", "wings?sort=name&tag=a")]
    public void WithQueryParameter_UriAlreadyHasQuery_Merges(string uri, string expected)
    {
        var endpoint = ConnectorEndpoint.Get(uri).WithQueryParameter("tag", "a").Build();

        Assert.Equal(expected, endpoint.RequestUri);
    }

    [Fact]
    public async Task WithQueryParameter_AbsoluteUriWithQuery_MergesOnTheWire()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("https://api.test/v1/wings?sort=name").WithQueryParameter("tag", "a").WithQueryParameter("tag", "b").Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("?sort=name&tag=a&tag=b", request.Uri.Query);
    }

    [Fact]
    public void WithQueryParameter_GermanCulture_FormatsInvariantly()
    {
        using var culture = new CultureScope("de-DE");
        Assert.Equal("1.234,5", 1234.5m.ToString("N1", CultureInfo.CurrentCulture)); // the culture really is in effect

        var endpoint = ConnectorEndpoint.Get("wings")
            .WithQueryParameter("price", 1234.5m)
            .WithQueryParameter("ratio", 0.5f)
            .WithQueryParameter("since", new DateTime(2024, 3, 9, 14, 5, 6, 7, DateTimeKind.Utc))
            .WithQueryParameter("at", new DateTimeOffset(2024, 3, 9, 14, 5, 6, TimeSpan.FromHours(1)))
            .WithQueryParameter("active", false)
            .WithQueryParameter("big", 1234567)
            .Build();

        Assert.Equal(
            "wings?price=1234.5&ratio=0.5&since=2024-03-09T14%3A05%3A06.0070000Z&at=2024-03-09T14%3A05%3A06.0000000%2B01%3A00&active=false&big=1234567",
            endpoint.RequestUri);
    }

    [Theory]
    [InlineData("X Bad")]
    [InlineData("X:Bad")]
    [InlineData("X-Bad\r\n")]
    [InlineData("Ünicode")]
    [InlineData("X(Bad)")]
    public void WithHeader_NameNotAToken_ThrowsArgumentException(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithHeader(name, "v"));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains("not a valid HTTP header name", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void WithHeader_EmptyName_ThrowsArgumentException(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithHeader(name, "v"));

        Assert.Equal("name", exception.ParamName);
    }

    [Theory]
    [InlineData("s3cr3t-token\r\nX-Injected: 1")]
    [InlineData("s3cr3t-token\nX-Injected: 1")]
    [InlineData("s3cr3t-token\r")]
    [InlineData("s3cr3t-token\0")]
    public void WithHeader_ValueWithLineBreak_ThrowsWithoutEchoingValue(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithHeader("X-Token", value));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains("header injection", exception.Message, StringComparison.Ordinal);
        Assert.Contains("X-Token", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithHeader_NullValue_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Get("wings").WithHeader("X-A", null!));
    }

    [Fact]
    public void WithHeader_SameNameTwiceInAnyCase_LastValueReplaces()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithHeader("X-Trace", "1").WithHeader("x-trace", "2").Build();

        var header = Assert.Single(endpoint.Headers);
        Assert.Equal(new KeyValuePair<string, string>("x-trace", "2"), header);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void WithName_Empty_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithName(name));
    }

    [Fact]
    public void Template_ReturnsUriAsGiven()
    {
        Assert.Equal("wings/{id}", ConnectorEndpoint.Get("wings/{id}").Template);
    }

    [Fact]
    public async Task Build_BuilderChangedAfterwards_EndpointUnchanged()
    {
        using var connector = TestConnector.NoContent();
        var builder = ConnectorEndpoint.Get("wings/{id}").WithName("first").WithPathParameter("id", 1).WithQueryParameter("tag", "a").WithHeader("X-A", "1");
        var endpoint = builder.Build();

        builder.WithName("second").WithPathParameter("id", 2).WithQueryParameter("tag", "b").WithHeader("X-A", "2").WithHeader("X-B", "3")
            .WithoutAuthentication().WithEnvelope(string.Empty);
        var second = builder.Build();
        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("first", endpoint.Name);
        Assert.Equal("wings/1?tag=a", endpoint.RequestUri);
        Assert.Equal([new KeyValuePair<string, string>("X-A", "1")], endpoint.Headers);
        Assert.False(endpoint.IsAnonymous);
        Assert.Null(endpoint.Envelope);
        Assert.Equal("https://api.test/v1/wings/1?tag=a", request.Uri.AbsoluteUri);
        Assert.Equal("1", request.Header("X-A"));
        Assert.Null(request.Header("X-B"));
        Assert.Equal("wings/2?tag=a&tag=b", second.RequestUri);
    }

    [Fact]
    public void WithEnvelope_Built_EnvelopeIsFrozen()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithEnvelope("items", "problem").Build();

        Assert.Equal("items", endpoint.Envelope!.DataProperty);
        Assert.Equal("problem", endpoint.Envelope.ErrorProperty);
        Assert.Throws<InvalidOperationException>(() => endpoint.Envelope.DataProperty = "data");
    }

    [Fact]
    public void WithAuthentication_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Get("wings").WithAuthentication(null!));
    }

    [Fact]
    public void WithAuthenticationThenWithout_IsAnonymousWithoutProvider()
    {
        var endpoint = ConnectorEndpoint.Get("wings").WithAuthentication(new BearerTokenProvider("t")).WithoutAuthentication().Build();

        Assert.True(endpoint.IsAnonymous);
        Assert.Null(endpoint.Authentication);
    }

    [Theory]
    [InlineData("s3cr3t-café", "non-ASCII")]
    [InlineData("s3cr3t\u00A0token", "non-ASCII")]
    [InlineData("s3cr3t\u2028token", "non-ASCII")]
    [InlineData("s3cr3t\u0001token", "control character")]
    [InlineData("s3cr3t\u001Btoken", "control character")]
    [InlineData("s3cr3t\u007Ftoken", "control character")]
    public void WithHeader_ValueHttpClientCannotSend_ThrowsNamingTheHeaderWithoutEchoingValue(string value, string expected)
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithHeader("X-Token", value));

        Assert.Equal("value", exception.ParamName);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains("X-Token", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithHeader_TabAndSpacesInValue_AreSentAsGiven()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("wings").WithHeader("X-List", "a,\tb c").Build());

        Assert.Equal("a,\tb c", request.Header("X-List"));
    }

    [Fact]
    public void WithIdempotencyKey_NonAsciiKey_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Post("orders").WithIdempotencyKey("commande-é"));

        Assert.Equal("key", exception.ParamName);
    }

    [Theory]
    [InlineData("../admin")]
    [InlineData("wings/../../admin")]
    [InlineData("wings/./{id}")]
    [InlineData("%2e%2e/admin")]
    [InlineData(".%2E/admin")]
    [InlineData("https://api.test/v1/../admin")]
    public void Get_TemplateWithDotSegment_ThrowsInsteadOfLeavingTheBasePath(string uri)
    {
        // .NET removes these segments (percent-encoded too), so "v1/../admin" would reach "/admin".
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("'.' or '..' path segment", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wings/.../x")]
    [InlineData("wings/.hidden")]
    [InlineData("wings?path=../x")]
    [InlineData("wings/{id}.")]
    public async Task Get_TemplateWithDotsThatAreNotDotSegments_IsSentAsWritten(string uri)
    {
        using var connector = TestConnector.NoContent();
        var builder = ConnectorEndpoint.Get(uri);
        if (builder.Template.Contains("{id}", StringComparison.Ordinal))
        {
            builder.WithPathParameter("id", "7");
        }

        var request = await connector.SendAndCaptureAsync(builder.Build());

        Assert.StartsWith("/v1/wings", request.Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_TemplateWithBackslash_ThrowsSayingHowToEncodeIt()
    {
        // .NET reads '\\' as '/', so "..\\" would be a dot segment.
        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings\\..\\..\\admin"));

        Assert.Equal("uri", exception.ParamName);
        Assert.Contains("%5C", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPathOrQueryParameter_UnpairedSurrogate_ThrowsInsteadOfSendingU_FFFD()
    {
        // Built here: xunit would replace a lone surrogate in theory data. Percent-encoding turns it into %EF%BF%BD.
        var lone = "s3cret" + char.ConvertFromUtf32(0x1F511)[..1];

        var path = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", lone));
        var value = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithQueryParameter("token", lone));
        var item = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithQueryParameter("tag", new[] { "a", lone }));
        var name = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("wings").WithQueryParameter(lone, "x"));

        Assert.Equal("value value value name", string.Join(" ", path.ParamName, value.ParamName, item.ParamName, name.ParamName));
        Assert.All(new[] { path, value, item, name }, e => Assert.Contains("unpaired UTF-16 surrogate", e.Message, StringComparison.Ordinal));
        Assert.All(new[] { path, value, item, name }, e => Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal));
    }
}
