using System.Net;
using CsCheck;

namespace CustomConnector.Tests.Endpoints;

/// <summary>
/// Random names, values and templates, nasty characters included: the builder either gives an
/// endpoint whose request round-trips every value (each path value one escaped segment under the base
/// path, query values decoding back, no CR/LF or non-ASCII in any header) or refuses with an
/// <see cref="ArgumentException"/>, never another exception.
/// </summary>
public sealed class EndpointBuilderPropertyTests
{
    private const string BasePath = "/base/v1/";
    private static readonly Uri BaseAddress = new("https://api.test" + BasePath);

    /// <summary>Characters that break URIs and headers, mixed with plain ones so that some values pass.</summary>
    private static readonly Gen<char> NastyChar = Gen.Frequency(
        (4, Gen.Char['a', 'z']),
        (4, Gen.Char["/.?#%{}&=+;:@!$'()*,[]\\ \t\r\n\0\u007F~-_"]),
        (1, Gen.Char['\u0001', '\u001F']),
        (2, Gen.Char['\u0080', '\u07FF']),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char['\uE000', '\uFFFF']));

    private static readonly Gen<string> NastyString = Gen.Frequency(
        (6, NastyChar.Array[0, 8].Select(chars => new string(chars))),
        (3, Gen.OneOf("", " ", ".", "..", "%2e%2e", "%2F", "../admin", "..\\admin", "a/../../b", "?x=1", "#top", "{id}", "}", "{", "\r\n", "X: y", "café", "😀", "\uD83D", " lead", "trail ")));

    /// <summary>Literal segments that mean what they say, so that their place in the path can be checked.</summary>
    private static readonly Gen<string> PlainLiteral = Gen.OneOf("wings", "v2", "a-b", "x_y", "~z", "7", "A.B");

    private static readonly Gen<string> PlaceholderName = Gen.Frequency(
        (8, Gen.OneOf("id", "name", "a.b", "x-y", "p_1")),
        (1, NastyString));

    [Fact]
    public void Build_StructuredTemplatesWithNastyValues_RoundTripEveryValueOrThrowArgumentException()
    {
        var segment = Gen.Frequency(
            (3, PlainLiteral.Select(text => new Segment(text, null, "", ""))),
            (2, Gen.Select(PlaceholderName, Gen.OneOf("", "pre-"), Gen.OneOf("", ".json"), (name, prefix, suffix) => new Segment("", name, prefix, suffix))));
        var template = segment.Array[1, 4];
        var pair = Gen.Select(NastyString, NastyString, (name, value) => (Name: name, Value: value));
        var gen = Gen.Select(template, NastyString.Array[0, 4], pair.Array[0, 3], pair.Array[0, 3], Gen.Bool,
            (segments, values, query, headers, leadingSlash) => new Case(segments, values, query, headers, leadingSlash));

        gen.Sample(c => CheckStructured(c), iter: 2000, threads: 1, print: c => c.ToString());
    }

    [Fact]
    public void Build_FreeFormNastyTemplates_StayUnderTheBasePathOrThrowArgumentException()
    {
        var relative = NastyString.Array[1, 4].Select(parts => string.Join("/", parts));
        var absolute = relative.Select(rest => "https://api.test" + BasePath + rest);
        var template = Gen.Frequency((4, relative), (1, absolute), (1, NastyString.Select(host => "https://" + host + "/x")));
        var gen = Gen.Select(template, Gen.OneOf("id", "x"), NastyString, (t, name, value) => (Template: t, Name: name, Value: value));

        gen.Sample(c =>
        {
            var endpoint = TryBuild(() => ConnectorEndpoint.Get(c.Template).WithPathParameter(c.Name, c.Value));
            if (endpoint is null)
            {
                return;
            }

            var request = Send(endpoint);
            if (request is null)
            {
                return;
            }

            Assert.Equal("", request.Uri.Fragment);
            if (!c.Template.StartsWith("https://", StringComparison.Ordinal) || c.Template.StartsWith("https://api.test" + BasePath, StringComparison.Ordinal))
            {
                // A template that is only a query ("?x=1") addresses the base path itself.
                Assert.Equal("api.test", request.Uri.Host);
                Assert.True(request.Uri.AbsolutePath.StartsWith(BasePath, StringComparison.Ordinal) || request.Uri.AbsolutePath == BasePath.TrimEnd('/'), request.Uri.AbsolutePath);
            }
        }, iter: 2000, threads: 1, print: c => Describe(c.Template) + " / " + Describe(c.Name) + " = " + Describe(c.Value));
    }

    [Fact]
    public void Bind_StructuredTemplatesWithNastyValues_AgreesWithTheBuilder()
    {
        // The template's per-call binding and the builder share one set of rules: the same URI, or both refuse.
        var segment = Gen.Frequency(
            (3, PlainLiteral.Select(text => new Segment(text, null, "", ""))),
            (2, Gen.Select(PlaceholderName, Gen.OneOf("", "pre-"), Gen.OneOf("", ".json"), (name, prefix, suffix) => new Segment("", name, prefix, suffix))));
        var pair = Gen.Select(NastyString, NastyString, (name, value) => (Name: name, Value: value));
        var gen = Gen.Select(segment.Array[1, 4], NastyString.Array[0, 4], pair.Array[0, 3], Gen.Bool, Gen.Int[0, 3],
            (segments, values, query, leadingSlash, fixedCount) => (Case: new Case(segments, values, query, [], leadingSlash), FixedCount: fixedCount));

        gen.Sample(t => CheckBindAgrees(t.Case, t.FixedCount), iter: 2000, threads: 1, print: t => t.Case + $", fixed {t.FixedCount}");
    }

    private static void CheckBindAgrees(Case c, int fixedCount)
    {
        var placeholders = c.Segments.Where(s => s.Placeholder is not null).Select(s => s.Placeholder!).ToArray();
        var template = (c.LeadingSlash ? "/" : "") + string.Join("/", c.Segments.Select(s => s.Placeholder is null ? s.Literal : $"{s.Prefix}{{{s.Placeholder}}}{s.Suffix}"));
        string ValueOf(int i) => i < c.Values.Length ? c.Values[i] : "v" + i;

        var built = TryBuild(() =>
        {
            var builder = ConnectorEndpoint.Get(template);
            for (var i = 0; i < placeholders.Length; i++)
            {
                builder.WithPathParameter(placeholders[i], ValueOf(i));
            }

            foreach (var (name, value) in c.Query)
            {
                builder.WithQueryParameter(name, value);
            }

            return builder;
        });

        string? bound;
        try
        {
            // The first values go to the builder (fixed in the template), the rest to Bind; half the query per call.
            var builder = ConnectorEndpoint.Get(template);
            var fixedHere = Math.Min(fixedCount, placeholders.Length);
            for (var i = 0; i < fixedHere; i++)
            {
                builder.WithPathParameter(placeholders[i], ValueOf(i));
            }

            var half = c.Query.Length / 2;
            foreach (var (name, value) in c.Query[..half])
            {
                builder.WithQueryParameter(name, value);
            }

            var open = Enumerable.Range(fixedHere, placeholders.Length - fixedHere).ToArray();
            var templateEndpoint = builder.BuildTemplate();
            var endpoint = open.Length switch
            {
                0 => templateEndpoint.Bind(),
                1 => templateEndpoint.Bind(placeholders[open[0]], ValueOf(open[0])),
                2 => templateEndpoint.Bind(placeholders[open[0]], ValueOf(open[0]), placeholders[open[1]], ValueOf(open[1])),
                _ => templateEndpoint.Bind(open.Select(i => new KeyValuePair<string, object?>(placeholders[i], ValueOf(i))).ToArray()),
            };
            foreach (var (name, value) in c.Query[half..])
            {
                endpoint = endpoint.WithQueryParameter(name, value);
            }

            bound = endpoint.RequestUri;
        }
        catch (ArgumentException exception)
        {
            Assert.False(string.IsNullOrEmpty(exception.ParamName), $"ArgumentException without a parameter name: {exception.Message}");
            bound = null;
        }

        Assert.Equal(built?.RequestUri, bound);
    }

    private static void CheckStructured(Case c)
    {
        var placeholders = c.Segments.Where(s => s.Placeholder is not null).ToArray();
        var template = (c.LeadingSlash ? "/" : "") + string.Join("/", c.Segments.Select(s => s.Placeholder is null ? s.Literal : $"{s.Prefix}{{{s.Placeholder}}}{s.Suffix}"));
        var endpoint = TryBuild(() =>
        {
            var builder = ConnectorEndpoint.Get(template);
            for (var i = 0; i < placeholders.Length; i++)
            {
                builder.WithPathParameter(placeholders[i].Placeholder!, i < c.Values.Length ? c.Values[i] : "v" + i);
            }

            foreach (var (name, value) in c.Query)
            {
                builder.WithQueryParameter(name, value);
            }

            foreach (var (name, value) in c.Headers)
            {
                builder.WithHeader(name, value);
            }

            return builder;
        });
        if (endpoint is null)
        {
            return;
        }

        var request = Send(endpoint)!;
        Assert.NotNull(request);

        // Each template segment is exactly one path segment under the base path: a value never adds one, or climbs out.
        var path = request.Uri.AbsolutePath;
        Assert.StartsWith(BasePath, path, StringComparison.Ordinal);
        var sent = path[BasePath.Length..].Split('/');
        Assert.Equal(c.Segments.Length, sent.Length);
        for (int i = 0, p = 0; i < c.Segments.Length; i++)
        {
            var s = c.Segments[i];
            if (s.Placeholder is null)
            {
                Assert.Equal(s.Literal, sent[i]);
            }
            else
            {
                var value = p < c.Values.Length ? c.Values[p] : "v" + p;
                p++;
                Assert.Equal(s.Prefix + value + s.Suffix, Uri.UnescapeDataString(sent[i]));
            }
        }

        // Query parameters come back, in order, decoding to what was given.
        var expected = c.Query.Where(q => !string.IsNullOrWhiteSpace(q.Name)).ToArray();
        var query = request.Uri.Query.TrimStart('?');
        var pairs = query.Length == 0 ? [] : query.Split('&');
        Assert.Equal(expected.Length, pairs.Length);
        for (var i = 0; i < pairs.Length; i++)
        {
            var parts = pairs[i].Split('=');
            Assert.Equal(2, parts.Length);
            Assert.Equal(expected[i].Name, Uri.UnescapeDataString(parts[0]));
            Assert.Equal(expected[i].Value, Uri.UnescapeDataString(parts[1]));
        }

        // Headers arrive as given, and none could inject another header or be refused by HttpClient.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in c.Headers)
        {
            headers[name] = value;
        }

        foreach (var (name, value) in headers)
        {
            Assert.Equal(value.Trim(' ', '\t'), request.Header(name)?.Trim(' ', '\t'));
        }
    }

    /// <summary>Builds, or returns null when the builder refused with an ArgumentException; any other exception fails the property.</summary>
    private static IConnectorEndpoint? TryBuild<TBuilder>(Func<ConnectorEndpointBuilder<TBuilder>> configure)
        where TBuilder : ConnectorEndpointBuilder<TBuilder>
    {
        try
        {
            return configure().Build();
        }
        catch (ArgumentException exception)
        {
            Assert.False(string.IsNullOrEmpty(exception.ParamName), $"ArgumentException without a parameter name: {exception.Message}");
            return null;
        }
    }

    /// <summary>Sends the endpoint to a handler that records it; null when sending refuses the endpoint with an ArgumentException.</summary>
    private static CapturedRequest? Send(IConnectorEndpoint endpoint)
    {
        using var handler = new CapturingHandler();
        using var http = new HttpClient(handler);
        using var client = new ConnectorClient(http, new ConnectorClientOptions { BaseAddress = BaseAddress, Resilience = { MaxRetries = 0 } });
        try
        {
            client.SendAsync(endpoint, TestJsonContext.Default.Wing).GetAwaiter().GetResult();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var request = Assert.Single(handler.Requests);
        foreach (var (name, value) in request.Headers)
        {
            Assert.DoesNotContain(value, c => c is '\r' or '\n' or '\0' || c > '\u007E');
            Assert.DoesNotContain(name, c => c is '\r' or '\n' or '\0' || c > '\u007E');
        }

        return request;
    }

    private static string Describe(string text) => string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private sealed record Segment(string Literal, string? Placeholder, string Prefix, string Suffix);

    private sealed record Case(Segment[] Segments, string[] Values, (string Name, string Value)[] Query, (string Name, string Value)[] Headers, bool LeadingSlash)
    {
        public override string ToString() =>
            $"segments [{string.Join(", ", Segments.Select(s => s.Placeholder is null ? Describe(s.Literal) : $"{s.Prefix}{{{Describe(s.Placeholder)}}}{s.Suffix}"))}], "
            + $"values [{string.Join(", ", Values.Select(Describe))}], query [{string.Join(", ", Query.Select(q => Describe(q.Name) + "=" + Describe(q.Value)))}], "
            + $"headers [{string.Join(", ", Headers.Select(h => Describe(h.Name) + ": " + Describe(h.Value)))}], leading slash {LeadingSlash}";
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<CapturedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await CapturedRequest.FromAsync(request));
            return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
        }
    }
}
