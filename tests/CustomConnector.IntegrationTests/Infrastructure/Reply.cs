using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>Small route handlers for the common replies; tests write anything unusual inline.</summary>
internal static class Reply
{
    public static RequestDelegate Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    /// <summary>Replies with <paramref name="body"/> and a Content-Length.</summary>
    public static RequestDelegate Body(int status, string contentType, string body) => async context =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    };

    public static RequestDelegate Json(int status, string json) => Body(status, "application/json", json);

    public static RequestDelegate Redirect(int status, string location) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>Writes <c>{"id":n}</c> items, comma-separated, after <paramref name="prefix"/>.</summary>
    public static async Task WriteProbedItemsAsync(HttpContext context, string prefix, int first, int count)
    {
        var text = new StringBuilder(prefix);
        for (var id = first; id < first + count; id++)
        {
            text.Append(id == first ? string.Empty : ",").Append("{\"id\":").Append(id).Append(",\"padding\":\"abcdefghijklmnopqrstuvwxyz\"}");
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), context.RequestAborted);
    }
}
