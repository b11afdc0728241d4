using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Cli.Tests;

/// <summary>
/// A wings API on Kestrel at 127.0.0.1 speaking the envelope convention: data, empty, error, broken and slow
/// endpoints, a paged list, an echo of the credentials it received, an OAuth2 token endpoint and OpenAPI documents.
/// </summary>
public sealed class CliServer : IAsyncLifetime
{
    public const int WingCount = 23;

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the credential each API request carried (Authorization, X-Api-Key or the api_key query value), in order.</summary>
    public ConcurrentQueue<string> Credentials { get; } = new();

    public int TokenRequests => _tokenRequests;

    private int _tokenRequests;

    private readonly ConcurrentDictionary<string, bool> _flaky = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1"))
            {
                var credential = context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization
                    : context.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key ? key
                    : context.Request.Query["api_key"].ToString();
                if (credential.Length > 0)
                {
                    Credentials.Enqueue(credential);
                    string[] accepted = [Secrets.BasicHeader, "Bearer " + Secrets.BearerToken, Secrets.HeaderApiKey, Secrets.QueryApiKey, "Bearer " + Secrets.AccessToken];
                    if (!accepted.Contains(credential))
                    {
                        context.Response.StatusCode = 401;
                        await context.Response.WriteAsJsonAsync(Error("401", "Unauthorized: the credential is not valid."));
                        return;
                    }
                }
            }

            await next(context);
        });

        app.MapGet("/v1/wings/{id}", (HttpContext context, string id) =>
        {
            context.Response.Headers.SetCookie = $"session={Secrets.Cookie}; HttpOnly";
            context.Response.Headers["X-Request-Id"] = "req-42";
            return id == "1001"
                ? Results.Json(Data(new JsonObject { ["id"] = 1001, ["name"] = "Kestrel", ["span"] = 12 }))
                : Results.Json(Error("404", $"Wing {id} was not found."), statusCode: 404);
        });
        app.MapGet("/v1/flaky/{key}", (string key) =>
        {
            // The first call for each key fails with a transient 503; the retry gets the data.
            return _flaky.TryAdd(key, true)
                ? Results.Json(Error("503", "Service Unavailable: warming up."), statusCode: 503)
                : Results.Json(Data(new JsonObject { ["key"] = key }));
        });
        app.MapGet("/v1/empty", () => Results.NoContent());
        app.MapGet("/v1/broken", () => Results.Text("<html>not the envelope</html>", "text/html", statusCode: 200));
        app.MapGet("/v1/slow", async (HttpContext context) =>
        {
            // Answers only when the client gives up (bounded, so a stuck test cannot hold the server).
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return Results.NoContent();
        });
        app.MapGet("/v1/echo", (HttpContext context) => Results.Json(Data(new JsonObject
        {
            ["authorization"] = context.Request.Headers.Authorization.ToString(),
            ["apiKey"] = context.Request.Headers["X-Api-Key"].ToString(),
            ["query"] = context.Request.QueryString.Value,
        })));
        app.MapPost("/v1/wings", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            return Results.Json(Data(new JsonObject { ["created"] = body }), statusCode: 201);
        });
        app.MapGet("/v1/wings", (int? page, int? pageSize) =>
        {
            var size = pageSize ?? 10;
            var number = page ?? 1;
            var items = new JsonArray();
            for (var i = (number - 1) * size; i < Math.Min(number * size, WingCount); i++)
            {
                items.Add(new JsonObject { ["id"] = 2000 + i });
            }

            return Results.Json(new JsonObject { ["data"] = items, ["totalPages"] = (WingCount + size - 1) / size });
        });
        app.MapPost("/oauth/token", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await context.Request.ReadFormAsync();
            if (context.Request.Headers.Authorization.ToString() != Secrets.BasicClientHeader || form["grant_type"] != "client_credentials")
            {
                return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
            }

            return Results.Json(new JsonObject { ["access_token"] = Secrets.AccessToken, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
        });
        app.MapGet("/docs/{name}", (string name) =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, "TestData", Path.GetFileName(name));
            return File.Exists(path) ? Results.Text(File.ReadAllText(path), name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/yaml") : Results.NotFound();
        });

        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _app = app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }

    /// <summary>The API's base address (<c>.../v1/</c>).</summary>
    public Uri Api => new(BaseAddress, "v1/");

    public Uri TokenEndpoint => new(BaseAddress, "oauth/token");

    private static JsonObject Data(JsonNode node) => new() { ["data"] = node };

    private static JsonObject Error(string code, string description) => new() { ["error"] = new JsonObject { ["code"] = code, ["description"] = description } };
}

[CollectionDefinition(Name)]
public sealed class CliServerFixture : ICollectionFixture<CliServer>
{
    public const string Name = "Kestrel wings API";
}
