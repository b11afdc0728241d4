using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Benchmarks;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers with pre-rendered connector envelopes, so only the client
/// is measured. The probes host it in their own process; the BenchmarkDotNet runs start it in another
/// one (<see cref="ApiServerProcess"/>), so that its allocations are not counted.
/// </summary>
/// <remarks>
/// Relative to <see cref="BaseAddress"/>: <c>GET wings/1001</c> a small wing, <c>GET wings/{other}</c> a
/// 404 error envelope, <c>POST wings</c> 201 with a small wing, <c>POST wings/{id}</c> 204,
/// <c>GET wings</c> 10,000 wings, <c>GET wings?page=N&amp;pageSize=100</c> page N of 100 pages of 100 wings
/// with <c>meta.totalPages</c>.
/// </remarks>
public sealed class LoopbackApi : IAsyncDisposable
{
    public const int ListCount = 10_000;
    public const int PageCount = 100;
    public const int PageSize = 100;

    private readonly WebApplication _app;

    private LoopbackApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LoopbackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        var (small, created, notFound, large, pages) = (Bodies.Small, Bodies.Created, Bodies.NotFound, Bodies.Large, Bodies.Pages);
        app.MapGet("/api/v1/wings/{id}", context => context.Request.RouteValues["id"] as string == "1001"
            ? WriteAsync(context, StatusCodes.Status200OK, small)
            : WriteAsync(context, StatusCodes.Status404NotFound, notFound));
        app.MapGet("/api/v1/wings", context => int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= PageCount
            ? WriteAsync(context, StatusCodes.Status200OK, pages[page - 1])
            : WriteAsync(context, StatusCodes.Status200OK, large));
        app.MapPost("/api/v1/wings", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await WriteAsync(context, StatusCodes.Status201Created, created);
        });
        app.MapPost("/api/v1/wings/{id}", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApi(app, new Uri($"{address}/api/v1/"));
    }

    /// <summary>The API's answers, rendered once: what the Kestrel server writes, and what the in-process <see cref="CannedWingsHandler"/> hands back.</summary>
    internal static class Bodies
    {
        public static readonly byte[] Small = Encoding.UTF8.GetBytes("""{"data": {"id": 1001, "name": "Wing", "active": true}}""");
        public static readonly byte[] Created = Encoding.UTF8.GetBytes("""{"data": {"id": 1002, "name": "Delta Wing", "active": true}}""");
        public static readonly byte[] NotFound = Encoding.UTF8.GetBytes("""{"error": {"code": "404", "description": "Not Found: wing 7 does not exist."}}""");
        public static readonly byte[] Large = Encoding.UTF8.GetBytes(RenderList(ListCount));
        public static readonly byte[][] Pages = Enumerable.Range(1, PageCount).Select(page => Encoding.UTF8.GetBytes(RenderPage(page))).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static string RenderList(int count) => RenderWings(new StringBuilder("""{"data": ["""), 0, count).Append("]}").ToString();

    private static string RenderPage(int page) =>
        RenderWings(new StringBuilder("""{"data": ["""), (page - 1) * PageSize, PageSize)
            .Append(CultureInfo.InvariantCulture, $$"""], "meta": {"page": {{page}}, "totalPages": {{PageCount}}""").Append("}}")
            .ToString();

    private static StringBuilder RenderWings(StringBuilder builder, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            builder.Append(i == first ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"id": {{i}}, "name": "Wing {{i}}", "active": {{(i % 2 == 0 ? "true" : "false")}}}""");
        }

        return builder;
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
