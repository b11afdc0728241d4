using System.Text.Json;

namespace CustomConnector.Tests.Endpoints;

public sealed class BoundConnectorEndpointTests
{
    private static readonly ConnectorEndpointTemplate CreateOrder = ConnectorEndpoint.Post("hangars/{hangar}/orders").WithName("createOrder").BuildTemplate();

    [Fact]
    public async Task WithJsonBody_TypeInfo_SendsTheBodyOfThisCall()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(CreateOrder.Bind("hangar", 7).WithJsonBody(new Order("Zoë", 12.5m), TestJsonContext.Default.Order));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.test/v1/hangars/7/orders", request.Uri.AbsoluteUri);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("Zoë", JsonSerializer.Deserialize(request.Body, TestJsonContext.Default.Order)!.CustomerName);
    }

    [Fact]
    public void WithJsonBody_LeavesTheEndpointItCameFromWithoutABody()
    {
        var bound = CreateOrder.Bind("hangar", 7);

        var withBody = bound.WithJsonBody(new Order("a", 1m), TestJsonContext.Default.Order);

        Assert.NotSame(bound, withBody);
        Assert.Null(bound.CreateContent(JsonSerializerOptions.Default));
        Assert.NotNull(withBody.CreateContent(JsonSerializerOptions.Default));
    }

    [Fact]
    public void WithJsonBody_OnGet_ThrowsInvalidOperationException()
    {
        var bound = ConnectorEndpoint.Get("wings/{id}").BuildTemplate().Bind("id", 1);

        Assert.Throws<InvalidOperationException>(() => bound.WithJsonBody(new Order("a", 1m), TestJsonContext.Default.Order));
        Assert.Throws<InvalidOperationException>(() => bound.WithContent(new StringContent("x")));
    }

    [Fact]
    public async Task Bind_TemplateWithABody_SendsTheTemplatesBody()
    {
        using var connector = TestConnector.NoContent();
        var template = ConnectorEndpoint.Post("wings/{id}/ping").WithContent(() => new StringContent("pong")).BuildTemplate();

        var request = await connector.SendAndCaptureAsync(template.Bind("id", 1));

        Assert.Equal("pong", request.BodyText);
    }

    [Fact]
    public async Task WithContent_Factory_SendsItsContent()
    {
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(CreateOrder.Bind("hangar", 1).WithContent(() => new StringContent("raw")));

        Assert.Equal("raw", request.BodyText);
    }

    [Fact]
    public void WithQueryParameter_AppendsEscapedLikeTheBuilder()
    {
        var template = ConnectorEndpoint.Get("hangars/{hangar}/wings?sort=name").WithQueryParameter("tag", "x").BuildTemplate();

        var bound = template.Bind("hangar", "n").WithQueryParameter("tag", new[] { "delta", "a&b" }).WithQueryParameter("since", new DateOnly(2024, 5, 1));
        var built = ConnectorEndpoint.Get("hangars/{hangar}/wings?sort=name").WithPathParameter("hangar", "n").WithQueryParameter("tag", "x")
            .WithQueryParameter("tag", new[] { "delta", "a&b" }).WithQueryParameter("since", new DateOnly(2024, 5, 1)).Build();

        Assert.Equal(built.RequestUri, bound.RequestUri);
        Assert.Equal("hangars/n/wings?sort=name&tag=x&tag=delta&tag=a%26b&since=2024-05-01", bound.RequestUri);
    }

    [Fact]
    public void WithQueryParameter_NullValue_ReturnsTheSameEndpoint()
    {
        var bound = CreateOrder.Bind("hangar", 1);

        Assert.Same(bound, bound.WithQueryParameter("page", null));
    }

    [Fact]
    public void WithQueryParameter_UnpairedSurrogate_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => CreateOrder.Bind("hangar", 1).WithQueryParameter("q", "\uD800"));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public void WithQueryParameter_AfterTrailingQuestionMark_AddsNoSeparator()
    {
        var bound = ConnectorEndpoint.Get("search?").BuildTemplate().Bind().WithQueryParameter("q", "a").WithQueryParameter("r", "b");

        Assert.Equal("search?q=a&r=b", bound.RequestUri);
        Assert.Equal(ConnectorEndpoint.Get("search?").WithQueryParameter("q", "a").WithQueryParameter("r", "b").Build().RequestUri, bound.RequestUri);
    }
}
