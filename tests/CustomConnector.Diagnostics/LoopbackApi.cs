using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomConnector.Diagnostics;

/// <summary>
/// Kestrel on 127.0.0.1 serving <c>/records?page=N</c> (pages of <see cref="PageSize"/> records, with
/// <c>meta.totalPages</c>) and <c>/export?bytes=N</c> (one <c>{"data": [...]}</c> body of about N bytes).
/// Bodies are written from one pooled buffer per request, so the server adds little to the heap it shares with the client.
/// </summary>
internal sealed class LoopbackApi : IAsyncDisposable
{
    public const int PageSize = 1_000;

    private readonly WebApplication _app;

    private LoopbackApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LoopbackApi> StartAsync(int totalPages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/records", context => WritePageAsync(context, totalPages));
        app.MapGet("/export", WriteExportAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackApi(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task WritePageAsync(HttpContext context, int totalPages)
    {
        var page = int.Parse(context.Request.Query["page"].ToString() is { Length: > 0 } p ? p : "1", CultureInfo.InvariantCulture);
        var first = (page - 1) * PageSize;
        var count = page <= totalPages ? PageSize : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * PageSize);
        try
        {
            var length = 0;
            Append(buffer, ref length, "{\"data\":["u8);
            for (var id = first; id < first + count; id++)
            {
                if (id != first)
                {
                    Append(buffer, ref length, ","u8);
                }

                AppendItem(buffer, ref length, id);
            }

            Append(buffer, ref length, "],\"meta\":{\"totalPages\":"u8);
            totalPages.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
            Append(buffer, ref length, "}}"u8);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = length;
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteExportAsync(HttpContext context)
    {
        var target = long.Parse(context.Request.Query["bytes"].ToString(), CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            long sent = 0;
            Append(buffer, ref length, "{\"data\":["u8);
            for (var id = 0; sent + length < target; id++)
            {
                if (id != 0)
                {
                    Append(buffer, ref length, ","u8);
                }

                AppendItem(buffer, ref length, id);
                if (length > buffer.Length - 128)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
                    sent += length;
                    length = 0;
                }
            }

            Append(buffer, ref length, "]}"u8);
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, length), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AppendItem(byte[] buffer, ref int length, int id)
    {
        Append(buffer, ref length, "{\"id\":"u8);
        id.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        Append(buffer, ref length, ",\"name\":\"record "u8);
        id.TryFormat(buffer.AsSpan(length), out written, default, CultureInfo.InvariantCulture);
        length += written;
        Append(buffer, ref length, "\"}"u8);
    }

    private static void Append(byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }
}
