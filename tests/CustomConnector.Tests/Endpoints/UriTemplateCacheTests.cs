using System.Collections.Concurrent;
using System.Globalization;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Endpoints;

public sealed class UriTemplateCacheTests
{
    [Fact]
    public void Get_SameUriTwice_ReturnsTheTemplateParsedOnce()
    {
        var uri = "cache-test/" + Guid.NewGuid().ToString("N") + "/{id}";

        Assert.Same(UriTemplateCache.Get(uri, "uri"), UriTemplateCache.Get(uri, "uri"));
    }

    [Fact]
    public void Get_ManyDistinctLiteralUris_StaysBounded()
    {
        // What a caller does who builds the value into the URI ($"wings/{id}") on every call.
        for (var i = 0; i < UriTemplateCache.Capacity * 5; i++)
        {
            _ = ConnectorEndpoint.Get(string.Create(CultureInfo.InvariantCulture, $"bounded/{i}/{Guid.NewGuid():N}")).Build();
            Assert.True(UriTemplateCache.Count <= UriTemplateCache.Capacity + 64, $"{UriTemplateCache.Count} templates held");
        }
    }

    [Fact]
    public void Get_InvalidUri_ThrowsEveryTimeAndIsNotKept()
    {
        var uri = "bad/{" + Guid.NewGuid().ToString("N");

        Assert.Throws<ArgumentException>(() => UriTemplateCache.Get(uri, "uri"));
        Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get(uri));
    }

    [Fact]
    public void Get_InParallelWithClears_EveryBuilderExpandsItsOwnValues()
    {
        // Many distinct URIs force the cache to start over while others build from the shared templates.
        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var text = i.ToString(CultureInfo.InvariantCulture);
            if (i % 2 == 0)
            {
                _ = ConnectorEndpoint.Get("parallel/" + text).Build();
                return;
            }

            var uri = ConnectorEndpoint.Get("shared/{id}/parts/{part}").WithPathParameter("id", text).WithPathParameter("part", "p" + text).Build().RequestUri;
            if (uri != $"shared/{text}/parts/p{text}")
            {
                wrong.Add(uri);
            }
        });

        Assert.Empty(wrong);
        Assert.True(UriTemplateCache.Count <= UriTemplateCache.Capacity + 64, $"{UriTemplateCache.Count} templates held");
    }

    [Fact]
    public void Build_FromACachedTemplate_NeverCarriesAnEarlierBuildersValues()
    {
        var first = ConnectorEndpoint.Get("leak/{a}/{b}").WithPathParameter("a", 1).WithPathParameter("b", 2).WithQueryParameter("q", "x").WithHeader("X-A", "1").Build();

        var exception = Assert.Throws<ArgumentException>(() => ConnectorEndpoint.Get("leak/{a}/{b}").WithPathParameter("a", 3).Build());
        var second = ConnectorEndpoint.Get("leak/{a}/{b}").WithPathParameter("a", 3).WithPathParameter("b", 4).Build();

        Assert.Equal("leak/1/2?q=x", first.RequestUri);
        Assert.Contains("{b}", exception.Message, StringComparison.Ordinal);
        Assert.Equal("leak/3/4", second.RequestUri);
        Assert.Empty(second.Headers);
    }
}
