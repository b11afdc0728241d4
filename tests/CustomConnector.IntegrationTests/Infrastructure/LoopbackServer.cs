using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a port the OS picks. Tests add routes while it runs,
/// each under a path prefix no other test uses, and read back every request it received.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private int _lastPrefix;

    private LoopbackServer()
    {
    }

    /// <summary>Gets the server's root, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // A handler still waiting on a gate must not hold up shutdown for the default 30 seconds.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");

        var server = new LoopbackServer { _app = app };
        app.Run(server.HandleAsync);
        await app.StartAsync().WaitAsync(SafetyTimeout.Client);

        // Port 0 made the OS choose; the bound address says which port that was.
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/", UriKind.Absolute);
        return server;
    }

    /// <summary>Returns a path prefix (<c>/t7</c>) that no other route on this server uses.</summary>
    public string NewPrefix() => $"/t{Interlocked.Increment(ref _lastPrefix)}";

    /// <summary>Serves <paramref name="handler"/> at a fresh path and returns that path.</summary>
    public string Map(RequestDelegate handler)
    {
        var path = NewPrefix();
        Map(path, handler);
        return path;
    }

    /// <summary>Serves <paramref name="handler"/> at exactly <paramref name="path"/> (no query), which should start with a <see cref="NewPrefix"/>.</summary>
    public void Map(string path, RequestDelegate handler)
    {
        if (!_routes.TryAdd(path, handler))
        {
            throw new InvalidOperationException($"The route '{path}' is already mapped; use NewPrefix() so that tests do not share routes.");
        }
    }

    /// <summary>Gets the absolute URL of <paramref name="pathAndQuery"/> on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Gets the requests received on <paramref name="path"/>, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) =>
        _requests.Where(request => string.Equals(request.Path, path, StringComparison.Ordinal)).ToList();

    /// <summary>Gets the requests received on any path under <paramref name="prefix"/>, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> RequestsUnder(string prefix) =>
        _requests.Where(request => request.Path.StartsWith(prefix + "/", StringComparison.Ordinal) || request.Path == prefix).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync().WaitAsync(SafetyTimeout.Client);
            await app.DisposeAsync();
        }
    }

    public override string ToString() => $"LoopbackServer {BaseAddress}";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var path = request.Path.Value ?? "/";
        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? string.Empty, headers, body.ToArray()));
        if (!_routes.TryGetValue(path, out var handler))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await handler(context);
    }
}
