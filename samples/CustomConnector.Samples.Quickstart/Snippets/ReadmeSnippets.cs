using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomConnector.Samples.Quickstart;

/// <summary>
/// The code that README.md and the docs/ pages show besides the quickstart itself, kept here so that it compiles
/// with every build. Nothing calls it; copy a region into the page when you change it.
/// </summary>
internal static class ReadmeSnippets
{
    public static IAuthenticationHeaderProvider[] AuthenticationChoices(string password, string token, string key, string secret, Func<CancellationToken, ValueTask<string>> getToken)
    {
        #region Authentication
        IAuthenticationHeaderProvider[] pickOne =
        [
            new BasicAuthenticationProvider("user", password),                      // Authorization: Basic (RFC 7617, UTF-8)
            new BearerTokenProvider(token),                                         // Authorization: Bearer, a fixed token
            new BearerTokenProvider(getToken),                                      // ... or one asked for on every attempt
            new ApiKeyProvider("X-Api-Key", key),                                   // a header (the default location)
            new ApiKeyProvider("api_key", key, ApiKeyLocation.Query),               // a query parameter
            new OAuth2ClientCredentialsProvider(new OAuth2ClientCredentialsOptions  // RFC 6749 section 4.4
            {
                TokenEndpoint = new Uri("https://auth.example.com/oauth/token"),
                ClientId = "my-client",
                ClientSecret = secret,
                Scope = "wings.read",                                               // optional
                CredentialsInBody = false,                                          // the default: a Basic header
            }),
            new TokenSchemeProvider(key),                                           // your own (below)
        ];
        #endregion
        return pickOne;
    }

    public static IConnectorEndpoint Parameters()
    {
        #region Parameters
        var search = ConnectorEndpoint.Get("hangars/{hangar}/wings?sort=name")
            .WithPathParameter("hangar", "north/7")               // -> hangars/north%2F7/wings
            .WithQueryParameter("tag", new[] { "delta", "a&b" })  // -> &tag=delta&tag=a%26b
            .WithQueryParameter("since", new DateOnly(2024, 5, 1))
            .WithQueryParameter("page", null)                     // null adds nothing
            .WithHeader("X-Request-Source", "quickstart")
            .Build();
        #endregion
        return search;
    }

    public static (IConnectorEndpoint Public, IConnectorEndpoint Reports) PerEndpointAuthentication(string reportKey)
    {
        #region PerEndpointAuthentication
        var status = ConnectorEndpoint.Get("status").WithoutAuthentication().Build();
        var reports = ConnectorEndpoint.Get("reports")
            .WithAuthentication(new ApiKeyProvider("X-Report-Key", reportKey))
            .Build();
        #endregion
        return (status, reports);
    }

    public static (IConnectorEndpoint Create, IConnectorEndpoint Lookup) Resilience()
    {
        var json = QuickstartJsonContext.Default;
        #region Resilience
        var createWing = ConnectorEndpoint.Post("wings").WithJsonBody(new WingInput("Delta"), json.WingInput).WithIdempotencyKey().Build();
        var quickLookup = ConnectorEndpoint.Get("status").WithResilience(r => r.MaxRetries = 0).Build(); // per endpoint
        #endregion
        return (createWing, quickLookup);
    }

    public static ConnectorClient OwnHttpClient(ConnectorClientOptions options)
    {
        #region OwnHttpClient
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // the connector follows redirects itself, without credentials across origins
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        });
        var client = new ConnectorClient(http, options);
        #endregion
        return client;
    }

    public static ConnectorClientOptions Options()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.example.com/api/v1/") };
        #region TrustedOrigins
        options.TrustedOrigins.Add(new Uri("https://files.example.com")); // absolute endpoints there get credentials too
        #endregion
        #region ExceptionMap
        options.ExceptionMap.Register(HttpStatusCode.Conflict, context => new WingConflictException(context));
        #endregion
        #region Envelope
        options.Envelope.DataProperty = ""; // 2xx bodies are the payload itself: [...] rather than {"data": [...]}
        #endregion
        #region Limits
        options.Timeout = TimeSpan.FromSeconds(30);         // the whole call: redirects, headers and body (default 100 s)
        options.MaxResponseContentBytes = 4 * 1024 * 1024;  // a larger body fails instead of filling memory (default 32 MiB)
        #endregion
        return options;
    }

    public static IConnectorEndpoint BareEndpoint()
    {
        #region BareEndpoint
        var legacyWings = ConnectorEndpoint.Get("legacy/wings").WithEnvelope(dataProperty: "").Build();
        #endregion
        return legacyWings;
    }

    public static async Task Paginate(ConnectorClient client)
    {
        var json = QuickstartJsonContext.Default;
        #region Paginate
        var listWings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();
        var strategy = Pagination.PageNumber("page", pageSizeParameter: "pageSize", pageSize: 100);
        await foreach (Wing wing in client.PaginateAsync(listWings, strategy, json.Wing))
        {
            Console.WriteLine(wing); // every wing of every page, one page in memory at a time
        }
        #endregion
        #region PaginatePages
        await foreach (ConnectorPage<Wing> page in client.PaginatePagesAsync(listWings, strategy, json.Wing))
        {
            Console.WriteLine($"page {page.PageNumber}: {page.ItemCount} wings, total {page.GetInt64("meta.total")}, next {page.NextRequestUri}");
        }
        #endregion
    }

    public static IPaginationStrategy LimitedPagination()
    {
        #region PaginationOptions
        var firstThousand = Pagination.Cursor("paging.cursors.after", "after", "limit", 100,
            new PaginationOptions { MaxItems = 1_000, MaxPages = 50, AllowCrossOriginLinks = false });
        #endregion
        return firstThousand;
    }

    public static async Task<int> CustomPagination(ConnectorClient client)
    {
        var json = QuickstartJsonContext.Default;
        var count = 0;
        #region CustomPagination
        var feed = ConnectorEndpoint.Get("feed").WithPagination(new ContinuationPagination()).Build();
        await foreach (Wing wing in client.PaginateAsync(feed, json.Wing)) // the endpoint carries its strategy
        {
            count++;
        }
        #endregion
        return count;
    }

    public static async Task<int> StreamData(ConnectorClient client)
    {
        var json = QuickstartJsonContext.Default;
        var count = 0;
        #region StreamData
        var export = ConnectorEndpoint.Get("wings/export").Build();
        await foreach (Wing wing in client.StreamDataAsync(export, json.Wing))
        {
            count++; // each wing as soon as its last byte arrived; the array is never held
        }
        #endregion
        return count;
    }

    public static async Task<ConnectorResult<Wing>> ParseAnyResponse(HttpResponseMessage response)
    {
        #region ParseAnyResponse
        ConnectorResult<Wing> result = await ConnectorResponseParser.ParseAsync(response, QuickstartJsonContext.Default.Wing);
        #endregion
        return result;
    }

    public static void DependencyInjection(IServiceCollection services, IConfiguration configuration, string apiKey)
    {
        #region DependencyInjectionInCode
        // In code: the same ConnectorClientOptions that new ConnectorClient(options) takes.
        services.AddCustomConnector("hangars", options =>
        {
            options.BaseAddress = new Uri("https://hangars.example.com/api/");
            options.Timeout = TimeSpan.FromSeconds(30);
            options.Authentication = new ApiKeyProvider("X-Api-Key", apiKey);
        });

        // From configuration, then adjusted in code (code registered later wins).
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"))
            .AddApiKey("X-Api-Key", apiKey) // replaces the section's Authentication
            .ConfigurePrimaryHandler(handler => handler.MaxConnectionsPerServer = 20);
        services.Configure<ConnectorClientOptions>("wings", options => options.Resilience.MaxRetries = 5);
        #endregion
    }
}
