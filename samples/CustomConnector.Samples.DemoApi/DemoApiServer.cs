using CustomConnector.Samples.DemoApi.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Samples.DemoApi;

/// <summary>
/// A small custom connector API that runs in-process on <c>http://127.0.0.1</c> (a free port), so
/// that the samples need no network and no outside service.
/// </summary>
/// <remarks>
/// <para>
/// It speaks the connector convention: a success is <c>{"data": ...}</c>, a failure is
/// <c>{"error": {"code": "404", "description": "..."}}</c> with the matching status, and an update
/// answers 204 with no body. Relative to <see cref="BaseAddress"/>:
/// </para>
/// <list type="table">
///   <listheader><term>request</term><description>answer</description></listheader>
///   <item><term><c>GET wings</c></term><description>200, the list of wings; with <c>?pageSize=N</c> (and <c>page</c>, counted from 1) only that page of it, empty past the last.</description></item>
///   <item><term><c>GET wings/{id}</c></term><description>200 with the wing; 404 error envelope when there is none.</description></item>
///   <item><term><c>POST wings</c> <c>{"name": "..."}</c></term><description>201 with the new wing; 400 error envelope when <c>name</c> is missing or blank.</description></item>
///   <item><term><c>POST wings/{id}</c> <c>{"name": "..."}</c></term><description>204 (renamed, no body); 404 or 400 error envelope.</description></item>
///   <item><term><c>GET secure/hangar</c></term><description>200 with the hangar when the <see cref="ApiKeyHeaderName"/> header holds <see cref="ApiKey"/>; 401 error envelope otherwise.</description></item>
///   <item><term><c>GET secure/flights</c></term><description>200 with the flights when the request carries a bearer token from <see cref="TokenEndpoint"/>; 401 error envelope otherwise.</description></item>
/// </list>
/// <para>
/// <see cref="TokenEndpoint"/> (<c>POST /oauth/token</c>, outside the API's base path) implements the
/// OAuth 2.0 client credentials grant (RFC 6749 section 4.4) for <see cref="ClientId"/> and
/// <see cref="ClientSecret"/>, sent in a Basic header or in the form body. It answers
/// <c>{"access_token": "...", "token_type": "Bearer", "expires_in": 3600}</c>, or
/// <c>{"error": "invalid_client", ...}</c> with 401 on bad credentials.
/// </para>
/// <para>
/// Any other path answers a 404 error envelope and an unexpected failure a 500 one. The server logs
/// nothing, so that a sample's console output stays its own, and it ignores the host application's
/// configuration (appsettings.json, environment variables). Data lives in memory, per instance, and
/// is safe to use from many requests at once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var demo = await DemoApiServer.StartAsync(cancellationToken);
/// var options = new ConnectorClientOptions { BaseAddress = demo.BaseAddress };
/// </code>
/// </example>
public sealed class DemoApiServer : IAsyncDisposable
{
    /// <summary>The path of the API under the server's origin; <see cref="BaseAddress"/> ends with it.</summary>
    public const string BasePath = "/api/v1/";

    /// <summary>The path of the OAuth 2.0 token endpoint under the server's origin.</summary>
    public const string TokenPath = "/oauth/token";

    /// <summary>The header that carries the API key for <c>GET secure/hangar</c>.</summary>
    public const string ApiKeyHeaderName = "X-Api-Key";

    /// <summary>The API key that <c>GET secure/hangar</c> accepts. A demo value: never put real keys in code.</summary>
    public const string ApiKey = "demo-api-key-7f3a";

    /// <summary>The OAuth 2.0 client id that <see cref="TokenEndpoint"/> accepts.</summary>
    public const string ClientId = "demo-client";

    /// <summary>The OAuth 2.0 client secret that goes with <see cref="ClientId"/>. A demo value: never put real secrets in code.</summary>
    public const string ClientSecret = "demo-client-secret-91c2";

    /// <summary>How long an access token from <see cref="TokenEndpoint"/> is valid, in seconds (its <c>expires_in</c>).</summary>
    public const int TokenLifetimeSeconds = 3600;

    private readonly WebApplication _app;
    private readonly DemoApiEndpoints _endpoints;

    private DemoApiServer(WebApplication app, DemoApiEndpoints endpoints, Uri origin)
    {
        _app = app;
        _endpoints = endpoints;
        BaseAddress = new Uri(origin, BasePath);
        TokenEndpoint = new Uri(origin, TokenPath);
    }

    /// <summary>Gets the API's base address, such as <c>http://127.0.0.1:5123/api/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the OAuth 2.0 token endpoint, such as <c>http://127.0.0.1:5123/oauth/token</c>.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>Gets how many access tokens <see cref="TokenEndpoint"/> has issued so far, to show token caching.</summary>
    public int TokensIssued => _endpoints.Tokens.IssuedCount;

    /// <summary>Starts a server on <c>127.0.0.1</c> with a port the operating system picks.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public static async Task<DemoApiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DemoApiServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Self-contained: the host app's appsettings.json, environment variables and command line
        // (which may hold its own URLs or connector settings) must not change the demo API.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = builder.Build();
        try
        {
            var endpoints = new DemoApiEndpoints();
            endpoints.Map(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            // With port 0 the server reports the port it was given once it listens.
            var origin = new Uri(app.Urls.Single());
            return new DemoApiServer(app, endpoints, origin);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes every access token issued so far invalid, as a server-side revocation or key rotation would.</summary>
    /// <remarks>A client holding a cached token then gets 401 once, which is when a refreshing provider fetches a new one.</remarks>
    public void RevokeTokens() => _endpoints.Tokens.RevokeAll();

    /// <summary>Stops the server and releases its port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Demo connector API at {BaseAddress}";
}
