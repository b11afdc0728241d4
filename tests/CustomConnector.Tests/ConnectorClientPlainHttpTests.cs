using System.Net;

namespace CustomConnector.Tests;

/// <summary>No credentials over plain http to a host that is not loopback, unless AllowInsecureHttp: every way a client is made.</summary>
public sealed class ConnectorClientPlainHttpTests
{
    public static TheoryData<string> NotLoopback =>
    [
        "http://api.example.com/v1/",
        "http://api.example.com:8080/",
        "http://10.0.0.7/",
        "http://0.0.0.0:5000/",
        "http://[::2]/",
        "http://loopback/",          // Uri.IsLoopback says yes; it is a DNS name
        "http://loopback:5000/api/",
        "http://app.localhost/",     // not every resolver sends *.localhost to loopback
        "http://localhost./",
        "http://localhost.example.com/",
        "http://127.0.0.1.nip.io/",
    ];

    public static TheoryData<string> Loopback =>
    [
        "http://127.0.0.1:5000/api/",
        "http://127.1/",
        "http://127.255.255.254/",
        "http://2130706433/",
        "http://localhost/",
        "http://LocalHost:8080/api/",
        "http://[::1]:5000/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[::ffff:127.0.0.1]/",
    ];

    [Theory]
    [MemberData(nameof(NotLoopback))]
    public void Ctor_CredentialsOverPlainHttpToHostThatIsNotLoopback_ThrowsSayingWhatToDo(string baseAddress)
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri(baseAddress), Authentication = new BearerTokenProvider("t0ken") };

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Equal("options", exception.ParamName);
        Assert.Contains("plain http", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Use https", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotLoopback))]
    public void Ctor_HttpClientOverloadWithCredentialsOverPlainHttp_Throws(string baseAddress)
    {
        using var http = new HttpClient();
        var withBase = new ConnectorClientOptions { BaseAddress = new Uri(baseAddress), Authentication = new BearerTokenProvider("t") };
        using var httpWithBase = new HttpClient { BaseAddress = new Uri(baseAddress) };
        var withoutBase = new ConnectorClientOptions { Authentication = new BearerTokenProvider("t") };

        Assert.Throws<ArgumentException>(() => new ConnectorClient(http, withBase));
        Assert.Throws<ArgumentException>(() => new ConnectorClient(httpWithBase, withoutBase));
    }

    [Theory]
    [MemberData(nameof(Loopback))]
    public void Ctor_CredentialsOverPlainHttpToLoopback_IsAccepted(string baseAddress)
    {
        using var client = new ConnectorClient(new ConnectorClientOptions { BaseAddress = new Uri(baseAddress), Authentication = new BearerTokenProvider("t") });

        Assert.Equal(new Uri(baseAddress), client.BaseAddress);
    }

    [Theory]
    [MemberData(nameof(NotLoopback))]
    public void Ctor_AllowInsecureHttp_AcceptsCredentialsOverPlainHttp(string baseAddress)
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri(baseAddress), Authentication = new BearerTokenProvider("t"), AllowInsecureHttp = true };
        options.TrustedOrigins.Add(new Uri("http://auth.example.com"));

        using var client = new ConnectorClient(options);

        Assert.Equal(new Uri(baseAddress), client.BaseAddress);
    }

    [Fact]
    public void Ctor_PlainHttpWithoutCredentials_IsAccepted()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("http://api.example.com/") };
        options.DefaultHeaders["X-Client"] = "wings";

        using var client = new ConnectorClient(options);

        Assert.NotNull(client.BaseAddress);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("X-Api-Key")]
    [InlineData("X-Auth-Token")]
    [InlineData("Cookie")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    public void Ctor_CredentialLikeDefaultHeaderOverPlainHttp_Throws(string header)
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("http://api.example.com/") };
        options.DefaultHeaders[header] = "s3cret";

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Contains("AllowInsecureHttp", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://auth.example.com")]
    [InlineData("http://loopback:5000")]
    public void Ctor_TrustedOriginOverPlainHttpToHostThatIsNotLoopback_Throws(string origin)
    {
        // A trusted origin exists to receive credentials, so it is refused even before any provider is set.
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.example.com/") };
        options.TrustedOrigins.Add(new Uri(origin));

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Contains("TrustedOrigins", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_TrustedOriginOnLoopback_IsAccepted()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.example.com/") };
        options.TrustedOrigins.Add(new Uri("http://127.0.0.1:5001"));

        using var client = new ConnectorClient(options);

        Assert.NotNull(client.BaseAddress);
    }

    [Fact]
    public async Task SendAsync_EndpointProviderOnAbsolutePlainHttpUri_ThrowsBeforeAnythingIsSent()
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("http://partner.example.com/v1/wings?page=2").WithAuthentication(provider).Build();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.Equal("endpoint", exception.ParamName);
        Assert.Contains("http://partner.example.com:80", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Use https", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("page=2", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
        Assert.Equal(0, provider.Calls);
    }

    [Fact]
    public async Task SendAsync_EndpointProviderOnPlainHttpBaseAddress_Throws()
    {
        // The client itself has no credentials, so its plain-http base address passed the constructor.
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { BaseAddress = new Uri("http://api.example.com/v1/") });
        var endpoint = ConnectorEndpoint.Get("wings").WithAuthentication(new BearerTokenProvider("t")).Build();

        await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task SendAsync_ClientWithoutBaseAddressAndAbsolutePlainHttpEndpoint_Throws()
    {
        // Without a base address the client trusts the endpoint's own origin with its credentials.
        var options = new ConnectorClientOptions { Authentication = new BearerTokenProvider("t") };
        using var connector = new TestConnector(_ => new HttpResponseMessage(HttpStatusCode.NoContent), options, withDefaultBase: false);

        await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(ConnectorEndpoint.Get("http://api.example.com/v1/wings").Build(), TestJsonContext.Default.Wing));
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task SendAsync_EndpointCredentialHeaderOverPlainHttp_Throws()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("http://partner.example.com/v1/wings").WithHeader("X-Api-Key", "s3cret").Build();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => connector.Client.SendAsync(endpoint, TestJsonContext.Default.Wing));

        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task StreamDataAsync_EndpointProviderOverPlainHttp_Throws()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("http://partner.example.com/v1/wings").WithAuthentication(new BearerTokenProvider("t")).Build();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in connector.Client.StreamDataAsync(endpoint, TestJsonContext.Default.Wing))
            {
            }
        });
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task PaginateAsync_EndpointProviderOverPlainHttp_Throws()
    {
        using var connector = TestConnector.NoContent();
        var endpoint = ConnectorEndpoint.Get("http://partner.example.com/v1/wings").WithAuthentication(new BearerTokenProvider("t")).Build();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in connector.Client.PaginateAsync(endpoint, TestJsonContext.Default.Wing))
            {
            }
        });
        Assert.Empty(connector.Requests);
    }

    [Theory]
    [MemberData(nameof(Loopback))]
    public async Task SendAsync_EndpointProviderOverPlainHttpToLoopback_SendsCredentials(string uri)
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent();

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get(uri).WithAuthentication(provider).Build());

        Assert.Equal("recorded", request.Header("X-Credential"));
    }

    [Fact]
    public async Task SendAsync_AllowInsecureHttp_SendsEndpointCredentialsOverPlainHttp()
    {
        var provider = new RecordingAuthenticationProvider();
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { AllowInsecureHttp = true });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("http://partner.example.com/v1/wings").WithAuthentication(provider).WithHeader("X-Api-Key", "k").Build());

        Assert.Equal("recorded", request.Header("X-Credential"));
        Assert.Equal("k", request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task SendAsync_PlainHttpEndpointOnAnotherOriginWithoutCredentials_IsSent()
    {
        // Nothing secret goes there: the client's provider stays home and the endpoint has none of its own.
        using var connector = TestConnector.NoContent(new ConnectorClientOptions { Authentication = new BearerTokenProvider("t") });

        var request = await connector.SendAndCaptureAsync(ConnectorEndpoint.Get("http://status.example.com/health").WithHeader("X-Trace", "1").Build());

        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_RedirectFromLoopbackToPlainHttpHostThatIsNotLoopback_CarriesNoCredentials()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("http://127.0.0.1:5000/api/"), Authentication = new BearerTokenProvider("t0ken") };
        options.DefaultHeaders["X-Api-Key"] = "k3y";
        using var connector = new TestConnector(
            request => request.RequestUri!.Host == "127.0.0.1"
                ? new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://api.example.com/elsewhere") } }
                : new HttpResponseMessage(HttpStatusCode.NoContent),
            options);

        await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").WithHeader("X-Endpoint-Key", "e").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(2, connector.Requests.Count);
        Assert.Equal("Bearer t0ken", connector.Requests[0].Header("Authorization"));
        var hop = connector.Requests[1];
        Assert.Equal("http://api.example.com/elsewhere", hop.Uri.AbsoluteUri);
        Assert.Null(hop.Header("Authorization"));
        Assert.Null(hop.Header("X-Api-Key"));
        Assert.Null(hop.Header("X-Endpoint-Key"));
    }
}
