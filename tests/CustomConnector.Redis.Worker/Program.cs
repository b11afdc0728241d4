// One host instance of the multi-process test. Arguments (all required, in this order):
//   api-base token-url redis-configuration|none seconds parallel shared-limit(0 = none) window-ms fallback-limit
// It calls GET ping on the API as fast as its rate limit lets it for the given seconds, then prints one line:
//   RESULT ok=<n> failed=<n> warnings=<Redis outage warnings logged> first-error=<message>
using System.Globalization;
using CustomConnector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var apiBase = new Uri(args[0]);
var tokenUrl = new Uri(args[1]);
var redis = args[2];
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
var parallel = int.Parse(args[4], CultureInfo.InvariantCulture);
var sharedLimit = int.Parse(args[5], CultureInfo.InvariantCulture);
var window = TimeSpan.FromMilliseconds(int.Parse(args[6], CultureInfo.InvariantCulture));
var fallbackLimit = int.Parse(args[7], CultureInfo.InvariantCulture);

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["Connectors:Wings:Redis:Configuration"] = redis })
    .Build();
var warnings = new WarningCounter();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddLogging(logging => logging.AddProvider(warnings).SetMinimumLevel(LogLevel.Information));
var connector = services.AddCustomConnector("Wings", options =>
    {
        options.BaseAddress = apiBase;
        options.Timeout = TimeSpan.FromSeconds(30);
        options.Resilience.MaxRetries = 0;
        if (sharedLimit == 0 && redis == "none" && fallbackLimit > 0)
        {
            // The comparison: each instance keeps the limit on its own.
            options.Resilience.RateLimit.Kind = ConnectorRateLimitKind.FixedWindow;
            options.Resilience.RateLimit.PermitLimit = fallbackLimit;
            options.Resilience.RateLimit.Window = window;
            options.Resilience.RateLimit.QueueLimit = 1000;
        }
    })
    .AddOAuth2ClientCredentials(oauth =>
    {
        oauth.TokenEndpoint = tokenUrl;
        oauth.ClientId = "worker";
        oauth.ClientSecret = "worker-secret";
        oauth.TokenParameters["tenant"] = "contoso";
        oauth.RefreshBeforeExpiry = TimeSpan.FromSeconds(1);
    });
if (redis != "none")
{
    connector.AddRedisTokenCache(o => o.LockWait = TimeSpan.FromSeconds(5));
    if (sharedLimit > 0)
    {
        connector.AddRedisRateLimit(limit =>
        {
            limit.Kind = RedisRateLimitKind.SlidingWindow;
            limit.PermitLimit = sharedLimit;
            limit.Window = window;
            limit.QueueLimit = 1000;
            limit.FallbackPermitLimit = fallbackLimit;
        });
    }
}

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredKeyedService<IConnectorClient>("Wings");
var ping = ConnectorEndpoint.Get("ping").WithName("ping").Build();
var ok = 0;
var failed = 0;
string? firstError = null;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            // The call itself is not cancelled at the end: a call that started runs to its end.
            await client.SendAsync<Empty>(ping, WorkerJsonContext.Default.Empty).ConfigureAwait(false);
            Interlocked.Increment(ref ok);
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}".ReplaceLineEndings(" "), null);
        }
    }
}));

Console.WriteLine($"RESULT ok={ok} failed={failed} warnings={warnings.RedisUnavailable} first-error={firstError}");
return 0;
