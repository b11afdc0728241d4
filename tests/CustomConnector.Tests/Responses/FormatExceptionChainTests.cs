using System.Net;
using System.Text;
using System.Text.Json;
using CustomConnector.Tests.Resilience;

namespace CustomConnector.Tests.Responses;

/// <summary>
/// A format error names only public types, in its message and in every exception of its chain: System.Text.Json
/// names the type it was reading, which for a response is the library's internal envelope.
/// </summary>
public sealed class FormatExceptionChainTests
{
    public static TheoryData<string> BadBodies => new()
    {
        "\"just a string\"",
        "[1, 2]",
        """{"data": 5}""",
        """{"data": [{"id": 1}""",
        """{"data": [], "error": 5}""",
        "<html>sign in</html>",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task SendAsync_BadBody_FormatExceptionChainNamesNoInternalType(string body)
    {
        using var api = new ScriptedApi(_ => Json(body));
        using var client = api.CreateClient(new WatchedTime());

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing).WaitAsync(WatchedTime.SafetyTimeout));

        AssertNamesNoInternalType(exception);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PaginateAsync_BadBody_FormatExceptionChainNamesNoInternalType(string body)
    {
        using var api = new ScriptedApi(_ => Json(body));
        using var client = api.CreateClient(new WatchedTime());

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(async () =>
        {
            await foreach (var wing in client.PaginateAsync(ConnectorEndpoint.Get("wings").Build(), null, TestJsonContext.Default.Wing).WithCancellation(CancellationToken.None))
            {
                Assert.NotNull(wing);
            }
        });

        AssertNamesNoInternalType(exception);
    }

    [Fact]
    public async Task SendAsync_TopLevelNotAnObject_InnerJsonExceptionNamesThePayloadTypeAndPath()
    {
        using var api = new ScriptedApi(_ => Json("\"just a string\""));
        using var client = api.CreateClient(new WatchedTime());

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing).WaitAsync(WatchedTime.SafetyTimeout));

        var inner = Assert.IsType<JsonException>(exception.InnerException);
        Assert.Contains("List`1", inner.Message, StringComparison.Ordinal);
        Assert.Contains("Path: $", inner.Message, StringComparison.Ordinal);
        Assert.Equal("$", inner.Path);
    }

    [Fact]
    public async Task SendAsync_BodyLargerThanTheLimit_HasNoInternalInnerException()
    {
        using var api = new ScriptedApi(_ => Unsized($$"""{"data": "{{new string('x', 4096)}}"}"""));
        using var client = api.CreateClient(new WatchedTime(), o => o.MaxResponseContentBytes = 1024);

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Contains("the limit of 1024 bytes", exception.Message, StringComparison.Ordinal);
        AssertNamesNoInternalType(exception);
    }

    private static void AssertNamesNoInternalType(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            Assert.NotEqual("CustomConnector.Internal", current.GetType().Namespace);
            Assert.DoesNotContain("CustomConnector.Internal", current.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Envelope`1", current.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A body without Content-Length, so that the reader's running limit (not the declared length) refuses it.</summary>
    private static HttpResponseMessage Unsized(string body)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentLength = null;
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
