using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Redis.Tests;

/// <summary>
/// One Kestrel server on 127.0.0.1 with a client credentials token endpoint (<c>/token</c>, tokens that
/// expire after <see cref="ExpiresIn"/> seconds) and an API (<c>/ping</c>) that accepts only a live token.
/// It records when each token request and each accepted call arrived.
/// </summary>
public sealed class ProtectedApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _tokenRequests = new();
    private readonly ConcurrentQueue<TimeSpan> _calls = new();
    private readonly ConcurrentQueue<(int Count, TaskCompletionSource Reached)> _waiters = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private WebApplication _app = null!;
    private int _tokens;
    private int _rejected;
    private int _callCount;

    public int ExpiresIn { get; private init; }

    public Uri BaseAddress { get; private set; } = null!;

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<TimeSpan> TokenRequests => [.. _tokenRequests];

    public IReadOnlyList<TimeSpan> Calls => [.. _calls];

    public int Rejected => Volatile.Read(ref _rejected);

    public static async Task<ProtectedApi> StartAsync(int expiresIn)
    {
        var api = new ProtectedApi { ExpiresIn = expiresIn };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/token", api.Token);
        app.MapGet("/ping", api.Ping);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        api._app = app;
        api.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");
        return api;
    }

    /// <summary>Completes when the API has accepted <paramref name="count"/> calls in all.</summary>
    public Task CallsReached(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((count, reached));
        if (Volatile.Read(ref _callCount) >= count)
        {
            reached.TrySetResult();
        }

        return reached.Task;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IResult Token()
    {
        var n = Interlocked.Increment(ref _tokens);
        _tokenRequests.Enqueue(_clock.Elapsed);
        var token = $"tok-{n}";
        _expiries[token] = _clock.ElapsedTicks + (ExpiresIn * Stopwatch.Frequency);
        return Results.Json(new TokenReply(token, "Bearer", ExpiresIn), ApiJsonContext.Default.TokenReply);
    }

    private IResult Ping(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_expiries.TryGetValue(header[7..], out var expiry) || _clock.ElapsedTicks > expiry)
        {
            Interlocked.Increment(ref _rejected);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        _calls.Enqueue(_clock.Elapsed);
        var count = Interlocked.Increment(ref _callCount);
        foreach (var (wanted, reached) in _waiters)
        {
            if (count >= wanted)
            {
                reached.TrySetResult();
            }
        }

        return Results.Text("""{"data":{}}""", "application/json");
    }
}
