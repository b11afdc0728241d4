using System.Net;

namespace CustomConnector.Tests.Resilience;

/// <summary>The refresh-and-retry-once on 401 composed with the retry pipeline: not a retry, and once per call.</summary>
public sealed class ConnectorClientAuthenticationRetryTests
{
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").Build();

    [Fact]
    public async Task SendAsync_StaleTokenWithRetriesOff_StillRefreshesOnceBecauseARefreshIsNotARetry()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.Unauthorized);
        var provider = new RefreshableTokenProvider();
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Authentication = provider;
            o.Resilience.MaxRetries = 0;
        });

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(ConnectorResultKind.Data, result.Kind);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(2, api.Count);
        Assert.Equal(1, provider.Invalidations);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], api.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task SendAsync_401Then503Then401_RefreshesOnlyOnceAcrossRetries()
    {
        using var api = ScriptedApi.Answering(HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Unauthorized);
        var provider = new RefreshableTokenProvider();
        using var client = api.CreateClient(new WatchedTime(), o =>
        {
            o.Authentication = provider;
            o.Resilience.BaseDelay = TimeSpan.Zero;
        });

        var result = await client.SendAsync(GetWing, TestJsonContext.Default.Wing).WaitAsync(WatchedTime.SafetyTimeout);

        Assert.Equal(HttpStatusCode.Unauthorized, result.StatusCode);
        Assert.Equal(1, provider.Invalidations);
        Assert.Equal(3, api.Count);
        Assert.Equal(2, result.Attempts); // the refresh inside the first attempt is not counted
    }
}
