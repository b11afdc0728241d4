using System.Text;
using CsCheck;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Pagination;

/// <summary>
/// The query editor runs once per page, so it works on spans of the URI's text; these pin it to the plain
/// string-splitting version it replaced (kept here as <see cref="Reference"/>), on URIs with user info, ports,
/// escaped and '+' names, repeated names, empty pairs and fragments.
/// </summary>
public sealed class QueryEditorTests
{
    private static readonly Gen<string> Name = Gen.OneOf(
        Pick("page", "pageSize", "cursor", "a", "b"),
        Gen.String[Gen.Char["abz09-_.~%+ &=é"], 1, 6]);

    private static readonly Gen<string> Value = Gen.String[Gen.Char["abz09-_.~%+ &=/?#é"], 0, 6];

    private static readonly Gen<string> WrittenPair = Gen.OneOf(
        Pick("page=1", "pageSize=50", "page%5Fx=2", "pa+ge=3", "p%61ge=4", "=5", "flag", string.Empty, "a=1=2"),
        Gen.Select(Name, Value, (name, value) => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value)));

    private static readonly Gen<Uri> BaseUri =
        from scheme in Pick("https", "http")
        from authority in Pick("api.test", "127.0.0.1:5000", "user:pw@api.test", "[::1]:8080", "xn--bcher-kva.test")
        from path in Pick(string.Empty, "/", "/v1/wings", "/v1/wings/", "/a%20b/c")
        from pairs in WrittenPair.Array[0, 4]
        from question in Gen.Bool
        from fragment in Pick(string.Empty, "#top", "#a?b=c")
        select new Uri($"{scheme}://{authority}{path}{(question || pairs.Length > 0 ? "?" : string.Empty)}{string.Join('&', pairs)}{fragment}", UriKind.Absolute);

    private static readonly Gen<KeyValuePair<string, string?>[]> Parameters =
        Gen.Select(Name, Value.Null(), (name, value) => new KeyValuePair<string, string?>(name, value)).Array[0, 3];

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    [Fact]
    public void Set_AnyUriAndParameters_AgreesWithTheStringSplittingVersion()
    {
        Gen.Select(BaseUri, Parameters).Sample(
            (uri, parameters) => Assert.Equal(Reference(uri, parameters).AbsoluteUri, QueryEditor.Set(uri, parameters).AbsoluteUri),
            iter: 5000);
    }

    [Theory]
    [InlineData("https://api.test/wings?page=1&pageSize=50", "https://api.test/wings?pageSize=50&page=2")]
    [InlineData("https://api.test/wings", "https://api.test/wings?page=2")]
    [InlineData("https://api.test/wings?p%61ge=1&x=y#frag", "https://api.test/wings?x=y&page=2#frag")]
    [InlineData("https://api.test/wings?pa+ge=1", "https://api.test/wings?pa+ge=1&page=2")]
    public void Set_ReplacesTheNamedParameterAndKeepsTheRestAsWritten(string uri, string expected)
    {
        Assert.Equal(expected, QueryEditor.Set(new Uri(uri), [new("page", "2")]).AbsoluteUri);
    }

    [Fact]
    public void Set_NullValue_RemovesTheParameter()
    {
        Assert.Equal("https://api.test/wings?b=2", QueryEditor.Set(new Uri("https://api.test/wings?a=1&b=2"), [new("a", null)]).AbsoluteUri);
        Assert.Equal("https://api.test/wings", QueryEditor.Set(new Uri("https://api.test/wings?a=1"), [new("a", null)]).AbsoluteUri);
    }

    [Fact]
    public void Set_LongQuery_GrowsPastTheStackBuffer()
    {
        var value = new string('v', 600);
        var uri = QueryEditor.Set(new Uri("https://api.test/wings?keep=" + new string('k', 300)), [new("cursor", value)]);

        Assert.EndsWith("&cursor=" + value, uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("keep=" + new string('k', 300), uri.AbsoluteUri, StringComparison.Ordinal);
    }

    /// <summary>The version before the per-page allocations were cut: split, unescape and concatenate.</summary>
    private static Uri Reference(Uri uri, KeyValuePair<string, string?>[] parameters)
    {
        if (parameters.Length == 0)
        {
            return uri;
        }

        var query = new StringBuilder();
        if (uri.Query.Length > 1)
        {
            foreach (var pair in uri.Query[1..].Split('&'))
            {
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString((separator < 0 ? pair : pair[..separator]).Replace('+', ' '));
                if (pair.Length > 0 && !parameters.Any(parameter => parameter.Key == name))
                {
                    query.Append(query.Length > 0 ? "&" : string.Empty).Append(pair);
                }
            }
        }

        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query.Append(query.Length > 0 ? "&" : string.Empty).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return new Uri(string.Concat(uri.GetLeftPart(UriPartial.Path), query.Length == 0 ? string.Empty : "?", query.ToString(), uri.Fragment), UriKind.Absolute);
    }
}
