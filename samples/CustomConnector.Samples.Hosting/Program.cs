using CustomConnector;
using CustomConnector.Samples.DemoApi;
using CustomConnector.Samples.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// --telemetry: print the connector's traces, metrics and Debug logs through the OpenTelemetry SDK.
var telemetry = args.Contains("--telemetry");
args = [.. args.Where(arg => arg != "--telemetry")];

// The demo API runs in-process on 127.0.0.1, so this sample needs no network.
await using var demo = await DemoApiServer.StartAsync();
Console.WriteLine($"CustomConnector hosting sample against the demo API at {demo.BaseAddress}");
Console.WriteLine();

// appsettings.json is read from the app's folder, wherever `dotnet run` starts from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// appsettings.json defines the connectors; what it leaves out comes from other sources, as a
// real app's secrets would (user secrets, environment variables, a key vault).
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Connectors:Wings:BaseAddress"] = demo.BaseAddress.ToString(),
    ["Connectors:Wings:Authentication:ApiKeyValue"] = DemoApiServer.ApiKey,
    ["Connectors:Flights:BaseAddress"] = demo.BaseAddress.ToString(),
    ["Connectors:Flights:Authentication:TokenEndpoint"] = demo.TokenEndpoint.ToString(),
    ["Connectors:Flights:Authentication:ClientSecret"] = DemoApiServer.ClientSecret,
});

if (telemetry)
{
    // #region telemetry
    // Each call is one span (ConnectorDiagnostics.ActivitySourceName) with HttpClient's own span for each
    // attempt nested under it; the meter holds call durations, retries, pages, items and token requests.
    builder.Services.AddOpenTelemetry()
        .WithTracing(tracing => tracing
            .AddSource(ConnectorDiagnostics.ActivitySourceName)
            .AddSource("System.Net.Http")
            .AddConsoleExporter())
        .WithMetrics(metrics => metrics
            .AddMeter(ConnectorDiagnostics.MeterName)
            .AddConsoleExporter());
    builder.Logging.AddFilter("CustomConnector", LogLevel.Debug);
    // #endregion telemetry
}

// #region registration
builder.Services.AddCustomConnector<WingsClient>("wings", builder.Configuration.GetSection("Connectors:Wings"));
builder.Services.AddCustomConnector("flights", builder.Configuration.GetSection("Connectors:Flights"));
// #endregion registration

using var host = builder.Build();
await host.StartAsync(); // validates both connectors' options (ValidateOnStart)
var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

// 1. A typed client over the API-key connector, with endpoints from configuration.
var wings = host.Services.GetRequiredService<WingsClient>();
var all = await wings.ListAsync(stopping);
Console.WriteLine($"1. wings.listWings -> {all.Length} wings: {string.Join(", ", all.Select(w => w.Name))}");
var created = await wings.CreateAsync("Hosted Wing", stopping);
Console.WriteLine($"2. wings.createWing -> {created}");
Console.WriteLine($"3. wings.getWing {created.Id} -> {await wings.FindAsync(created.Id, stopping)}; getWing 7 -> {(await wings.FindAsync(7, stopping))?.ToString() ?? "not found"}");
Console.WriteLine($"4. wings.getHangar (X-Api-Key from configuration) -> {await wings.GetHangarAsync(stopping)}");

// 2. The OAuth2 connector as a keyed service: the token is fetched once and cached.
var flights = host.Services.GetRequiredKeyedService<IConnectorClient>("flights");
for (var i = 0; i < 3; i++)
{
    var result = await flights.SendAsync(flights.GetEndpoint("listFlights").Build(), HostingJsonContext.Default.FlightArray, stopping);
    Console.WriteLine($"5. flights.listFlights call {i + 1} -> {result.GetDataOrThrow().Length} flights, {demo.TokensIssued} token request(s) so far");
}

// 3. The same connectors by name, from the factory.
var factory = host.Services.GetRequiredService<IConnectorClientFactory>();
var hangar = await factory.CreateClient("wings").SendAsync(factory.CreateClient("wings").GetEndpoint("getHangar").Build(), HostingJsonContext.Default.Hangar, stopping);
Console.WriteLine($"6. factory.CreateClient(\"wings\") -> {hangar.Data}");

await host.StopAsync();

// 4. A broken configuration fails at startup, every problem at once, each named by its path.
var broken = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
broken.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Connectors:Broken:BaseAddress"] = "http://api.example.com/",
    ["Connectors:Broken:Authentication:Type"] = "OAuth2ClientCredentials",
    ["Connectors:Broken:Authentication:TokenEndpoint"] = "https://auth.example.com/token",
    ["Connectors:Broken:Authentication:ClientId"] = "client",
    ["Connectors:Broken:Endpoints:deleteWing:Method"] = "DELETE",
    ["Connectors:Broken:Endpoints:deleteWing:Path"] = "wings/{id}",
    ["Connectors:Broken:Timeout"] = "30",
    ["Connectors:Broken:BaseAdress"] = "https://api.example.com/",
});
broken.Logging.ClearProviders(); // the exception below says it all
broken.Services.AddCustomConnector("broken", broken.Configuration.GetSection("Connectors:Broken"));
using var brokenHost = broken.Build();
try
{
    await brokenHost.StartAsync();
    Console.WriteLine("7. The broken configuration started, which it should not have.");
    return 1;
}
catch (OptionsValidationException exception)
{
    Console.WriteLine("7. A broken configuration stops the host at startup:");
    foreach (var line in exception.Message.Split(Environment.NewLine))
    {
        Console.WriteLine($"   {line}");
    }
}

Console.WriteLine();
Console.WriteLine("Done.");
return 0;
