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

    private static Task WriteAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
