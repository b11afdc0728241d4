using System.Net;
using System.Text;
using CustomConnector.Tests.DependencyInjection;
using CustomConnector.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Tests;

/// <summary>
/// <c>SendAsync(endpoint)</c> without a payload type: any 2xx is Empty whatever its body (data is not
/// parsed), an error status or error envelope is an Error with its status and error.
/// </summary>
public sealed class ConnectorClientNoDataTests
{
    private static readonly IConnectorEndpoint DeleteWing = ConnectorEndpoint.Delete("wings/{id}").WithPathParameter("id", 7).Build();

    public static TheoryData<HttpStatusCode, string?, string?> IgnoredBodies => new()
    {
        { HttpStatusCode.NoContent, null, null },
        { HttpStatusCode.OK, "application/json", """{"data": {"id": 7, "name": "Wing"}}""" },
        { HttpStatusCode.OK, "application/json", """{"data": "not a wing at all"}""" },
        { HttpStatusCode.OK, "application/json", """{"deleted": true}""" },
        { HttpStatusCode.OK, "application/json", """[1, 2, 3]""" },
        { HttpStatusCode.Accepted, "text/plain", "Deleted." },
    };

    [Theory]
    [MemberData(nameof(IgnoredBodies))]
    public async Task SendAsync_NoPayloadType2xx_IsEmptyWithTheStatusWhateverTheBody(HttpStatusCode status, string? mediaType, string? body)
    {
        using var api = new ScriptedApi(_ => Answer(status, mediaType, body));
        using var client = api.CreateClient(new WatchedTime());

        ConnectorResult<ConnectorNoData> result = await client.SendAsync(DeleteWing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Empty, result.Kind);
        Assert.Equal(status, result.StatusCode);
        Assert.Null(result.Error);
        Assert.Null(result.Data);
        result.EnsureSuccess();
        Assert.Equal(HttpMethod.Delete, Assert.Single(api.Requests).Method);
    }

    [Fact]
    public async Task SendAsync_NoPayloadType404_IsAnErrorWithCodeAndTheTypedException()
    {
        using var api = new ScriptedApi(_ => Answer(HttpStatusCode.NotFound, "application/json", """{"error": {"code": "wing_missing", "description": "wing 7 does not exist"}}"""));
        using var client = api.CreateClient(new WatchedTime());

        var result = await client.SendAsync(DeleteWing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        Assert.Equal("wing_missing", result.Error!.Code);
        Assert.Equal("wing 7 does not exist", result.Error.Description);
        var exception = Assert.Throws<NotFoundException>(result.EnsureSuccess);
        Assert.Equal("DELETE", exception.Method?.Method);
    }

    [Fact]
    public async Task SendAsync_NoPayloadType2xxWithErrorEnvelope_IsAnError()
    {
        using var api = new ScriptedApi(_ => Answer(HttpStatusCode.OK, "application/json", """{"error": {"code": "409", "description": "wing 7 is in use"}}"""));
        using var client = api.CreateClient(new WatchedTime());

        var result = await client.SendAsync(DeleteWing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal("wing 7 is in use", result.Error!.Description);
    }

    [Fact]
    public async Task SendAsync_NoPayloadTypeMalformedJson_ThrowsFormatException()
    {
        using var api = new ScriptedApi(_ => Answer(HttpStatusCode.OK, "application/json", """{"error": {"code": """));
        using var client = api.CreateClient(new WatchedTime());

        var exception = await Assert.ThrowsAsync<ConnectorResponseFormatException>(() => client.SendAsync(DeleteWing).WaitAsync(WatchedTime.SafetyTimeout));

        Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
    }

    [Fact]
    public async Task SendAsync_NoPayloadTypeThroughDependencyInjection_ReadsTheSame()
    {
        using var api = new ScriptedApi(_ => Answer(HttpStatusCode.Conflict, "application/json", """{"error": {"code": "409", "description": "in use"}}"""));
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", o => o.BaseAddress = new Uri("https://api.test/v1/")).UseHandler(api.Handler);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredKeyedService<IConnectorClient>("wings");

        var result = await client.SendAsync(DeleteWing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Error, result.Kind);
        Assert.Equal(HttpStatusCode.Conflict, result.StatusCode);
        Assert.Equal("https://api.test/v1/wings/7", Assert.Single(api.Requests).Uri.ToString());
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string? mediaType, string? body) =>
        new(status) { Content = body is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, mediaType!) };
}
