using System.Text;
using System.Text.Json;

namespace CustomConnector.Tests.Endpoints;

public sealed class PostEndpointBuilderTests
{
    [Fact]
    public async Task WithJsonBody_Reflection_SendsCamelCaseUtf8Json()
    {
        using var culture = new CultureScope("de-DE");
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("orders").WithJsonBody(new Order("Zoë", 12.5m)).Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        // System.Text.Json's default encoder escapes non-ASCII; the value round-trips.
        Assert.Equal("""{"customerName":"Zo\u00EB","total":12.5}""", request.BodyText);
        Assert.Equal("Zoë", JsonSerializer.Deserialize(request.Body, TestJsonContext.Default.Order)!.CustomerName);
    }

    [Fact]
    public async Task WithJsonBody_TypeInfo_SendsExactBytes()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("orders").WithJsonBody(new Order("Zoë", 12.5m), TestJsonContext.Default.Order).Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("""{"customerName":"Zo\u00EB","total":12.5}"""u8.ToArray(), request.Body);
    }

    [Fact]
    public async Task WithJsonBody_ClientSerializerOptions_AreUsedByReflectionOverload()
    {
        var options = new ConnectorClientOptions { SerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower } };
        using var connector = TestConnector.NoContent(options);
        var endpoint = ConnectorEndpoint.Post("orders").WithJsonBody(new Order("Ann", 1m)).Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("""{"customer_name":"Ann","total":1}""", request.BodyText);
    }

    [Fact]
    public async Task WithJsonBody_SentTwice_SendsWholeBodyEachTime()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("orders").WithJsonBody(new Order("Ann", 3m), TestJsonContext.Default.Order).Build();

        var first = await connector.SendAndCaptureAsync(endpoint);
        var second = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("""{"customerName":"Ann","total":3}""", first.BodyText);
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task WithJsonBody_ObjectChangedBetweenSends_SendsCurrentValue()
    {
        using var connector = TestConnector.NoContent();
        var order = new MutableOrder { CustomerName = "Ann" };
        var endpoint = ConnectorEndpoint.Post("orders").WithJsonBody(order, TestJsonContext.Default.MutableOrder).Build();

        var first = await connector.SendAndCaptureAsync(endpoint);
        order.CustomerName = "Bob";
        var second = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("""{"customerName":"Ann"}""", first.BodyText);
        Assert.Equal("""{"customerName":"Bob"}""", second.BodyText);
    }

    [Fact]
    public void WithJsonBody_NullTypeInfo_ThrowsArgumentNullException()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Post("orders").WithJsonBody(new Order("a", 1m), null!));

        Assert.Equal("typeInfo", exception.ParamName);
    }

    [Fact]
    public async Task WithContent_SentTwice_ContentNotDisposed()
    {
        using var connector = TestConnector.NoContent();
        using var content = new StringContent("a=1&b=2", Encoding.UTF8, "application/x-www-form-urlencoded");
        var endpoint = ConnectorEndpoint.Post("forms").WithContent(content).Build();

        var first = await connector.SendAndCaptureAsync(endpoint);
        var second = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("a=1&b=2", first.BodyText);
        Assert.Equal("a=1&b=2", second.BodyText);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", second.ContentType);
        Assert.Equal("a=1&b=2", await content.ReadAsStringAsync()); // still the caller's, still usable
    }

    [Fact]
    public async Task WithContent_Factory_CalledOncePerSend()
    {
        using var connector = TestConnector.NoContent();
        var calls = 0;
        var endpoint = ConnectorEndpoint.Post("uploads").WithContent(() => new StringContent($"call {++calls}")).Build();

        Assert.Equal(0, calls); // not at Build()
        var first = await connector.SendAndCaptureAsync(endpoint);
        var second = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal(2, calls);
        Assert.Equal("call 1", first.BodyText);
        Assert.Equal("call 2", second.BodyText);
    }

    [Fact]
    public async Task WithContent_FactoryReturnsNull_ThrowsInvalidOperationException()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("uploads").WithContent(() => null!).Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Contains("returned null", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public void WithContent_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Post("a").WithContent((HttpContent)null!));
        Assert.Throws<ArgumentNullException>(() => ConnectorEndpoint.Post("a").WithContent((Func<HttpContent>)null!));
    }

    [Fact]
    public async Task Build_BodyReplacedAfterwards_EndpointKeepsItsBody()
    {
        using var connector = TestConnector.NoContent();
        var builder = ConnectorEndpoint.Post("orders").WithJsonBody(new Order("Ann", 1m), TestJsonContext.Default.Order);
        var endpoint = builder.Build();

        builder.WithJsonBody(new Order("Bob", 2m), TestJsonContext.Default.Order);
        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("""{"customerName":"Ann","total":1}""", request.BodyText);
    }

    [Fact]
    public async Task Post_WithoutBody_SendsNoContent()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Post("wings/7/archive").Build());

        Assert.Null(request.Body);
    }

    [Fact]
    public async Task WithHeader_ContentType_ReplacesJsonContentType()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Post("orders")
            .WithJsonBody(new Order("Ann", 1m), TestJsonContext.Default.Order)
            .WithHeader("Content-Type", "application/vnd.api+json")
            .Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Equal("application/vnd.api+json", request.ContentType);
        Assert.Equal("""{"customerName":"Ann","total":1}""", request.BodyText);
    }

    [Fact]
    public async Task WithHeader_ContentTypeOnRequestWithoutBody_IsIgnored()
    {
        // A content header needs content; without a body it cannot be sent, and must not break the call.
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("wings").WithHeader("Content-Type", "application/json").Build();

        var request = await connector.SendAndCaptureAsync(endpoint);

        Assert.Null(request.ContentType);
    }
}
