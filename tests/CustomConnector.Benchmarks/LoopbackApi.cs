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

/// <summary>A Kestrel server on 127.0.0.1 that answers with pre-rendered connector envelopes, so only the client is measured.</summary>
public sealed class LoopbackApi : IAsyncDisposable
{
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

        var small = Encoding.UTF8.GetBytes("""{"data": {"id": 1001, "name": "Wing", "active": true}}""");
        var large = Encoding.UTF8.GetBytes(RenderList(10_000));
        app.MapGet("/api/v1/wings/1001", context => WriteAsync(context, small));
        app.MapGet("/api/v1/wings", context => WriteAsync(context, large));
        app.MapGet("/api/v1/records", WriteRecordPageAsync);
        app.MapGet("/api/v1/huge", WriteHugeAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApi(app, new Uri($"{address}/api/v1/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static string RenderList(int count)
    {
        var builder = new StringBuilder("""{"data": [""");
        for (var i = 0; i < count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"id": {{i}}, "name": "Wing {{i}}", "active": {{(i % 2 == 0 ? "true" : "false")}}}""");
        }

        return builder.Append("]}").ToString();
    }

    /// <summary>The total the paging figures use: 1,000,000 small records.</summary>
    public const int RecordCount = 1_000_000;

    /// <summary>
    /// <c>GET records?page=N&amp;pageSize=M</c>: one page of small records and, unless it is the last,
    /// <c>meta.next</c> with the next page's relative URI. Rendered as it is written.
    /// </summary>
    private static async Task WriteRecordPageAsync(HttpContext context)
    {
        var page = int.Parse(context.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
        var pageSize = int.Parse(context.Request.Query["pageSize"].ToString(), CultureInfo.InvariantCulture);
        var first = (page - 1) * pageSize;
        var last = Math.Min(first + pageSize, RecordCount);
        context.Response.ContentType = "application/json";
        var builder = new StringBuilder(pageSize * 48);
        builder.Append("""{"data": [""");
        for (var i = first; i < last; i++)
        {
            builder.Append(i == first ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"id": {{i}}, "name": "Record {{i}}", "active": true}""");
        }

        builder.Append("""], "meta": {"next": """);
        builder.Append(last < RecordCount ? string.Create(CultureInfo.InvariantCulture, $"\"records?page={page + 1}&pageSize={pageSize}\"") : "null");
        builder.Append("}}");
        await context.Response.WriteAsync(builder.ToString());
    }

    /// <summary>The approximate size of <c>GET huge</c>'s body: 200 MB.</summary>
    public const long HugeBytes = 200L * 1000 * 1000;

    /// <summary><c>GET huge</c>: one <c>{"data": [...]}</c> of about 200 MB, written in 64 KB chunks as it is generated.</summary>
    private static async Task WriteHugeAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var body = context.Response.Body;
        await body.WriteAsync("""{"data": ["""u8.ToArray());
        var chunk = new StringBuilder(70_000);
        long written = 0;
        var id = 0;
        while (written < HugeBytes)
        {
            chunk.Clear();
            while (chunk.Length < 64 * 1024)
            {
                chunk.Append(id == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"id": {{id}}, "name": "Record {{id}}", "active": true}""");
                id++;
            }

            var bytes = Encoding.UTF8.GetBytes(chunk.ToString());
            await body.WriteAsync(bytes);
            written += bytes.Length;
        }

        await body.WriteAsync("]}"u8.ToArray());
    }

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
