using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>The demo API's routes and handlers; see <see cref="DemoApiServer"/> for what each answers.</summary>
/// <remarks>
/// Every handler is a plain <see cref="RequestDelegate"/> that reads and writes JSON through
/// <see cref="DemoApiJsonContext"/>, so nothing here depends on reflection.
/// </remarks>
internal sealed class DemoApiEndpoints
{
    private const int MaxNameLength = 100;

    private static readonly Flight[] Flights = [new("CC101", 1001, "Lisbon"), new("CC202", 1002, "Oslo")];

    private readonly WingStore _wings = new();

    public TokenIssuer Tokens { get; } = new();

    public void Map(WebApplication app)
    {
        app.Use(ConventionalErrorsAsync);

        var api = app.MapGroup(DemoApiServer.BasePath.TrimEnd('/'));
        api.MapGet("/wings", ListWingsAsync);
        api.MapGet("/wings/{id}", GetWingAsync);
        api.MapPost("/wings", CreateWingAsync);
        api.MapPost("/wings/{id}", UpdateWingAsync);
        api.MapGet("/secure/hangar", GetHangarAsync);
        api.MapGet("/secure/flights", GetFlightsAsync);
        app.MapPost(DemoApiServer.TokenPath, IssueTokenAsync);
    }

    /// <summary>Turns what the handlers did not answer themselves (unknown path or method, an exception) into error envelopes.</summary>
    private static async Task ConventionalErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, $"Internal Server Error: {exception.Message}");
            return;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted)
        {
            var description = status == StatusCodes.Status405MethodNotAllowed
                ? $"Method Not Allowed: {context.Request.Path} does not accept {context.Request.Method}."
                : $"{ReasonPhrases.GetReasonPhrase(status)}: the demo API has no endpoint {context.Request.Method} {context.Request.Path}.";
            await WriteErrorAsync(context, status, description);
        }
    }

    /// <summary>All wings; with <c>?pageSize=</c> (and <c>page</c>, from 1) only that page of them, so that paging can be shown.</summary>
    private Task ListWingsAsync(HttpContext context)
    {
        var wings = _wings.List();
        if (ReadPositive(context, "pageSize") is { } pageSize)
        {
            var page = ReadPositive(context, "page") ?? 1;
            var skip = (long)(page - 1) * pageSize;
            wings = skip >= wings.Length ? [] : wings[(int)skip..(int)Math.Min(wings.Length, skip + pageSize)];
        }

        return WriteAsync(context, StatusCodes.Status200OK, new DataEnvelope<Wing[]>(wings), DemoApiJsonContext.Default.WingListData);
    }

    private Task GetWingAsync(HttpContext context)
    {
        if (ReadId(context) is not { } id || !_wings.TryGet(id, out var wing))
        {
            return WriteWingNotFoundAsync(context);
        }

        return WriteAsync(context, StatusCodes.Status200OK, new DataEnvelope<Wing>(wing), DemoApiJsonContext.Default.WingData);
    }

    private async Task CreateWingAsync(HttpContext context)
    {
        var (name, problem) = await ReadNameAsync(context);
        if (name is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: Invalid input data. {problem}");
            return;
        }

        var wing = _wings.Add(name);
        context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"{DemoApiServer.BasePath}wings/{wing.Id}");
        await WriteAsync(context, StatusCodes.Status201Created, new DataEnvelope<Wing>(wing), DemoApiJsonContext.Default.WingData);
    }

    private async Task UpdateWingAsync(HttpContext context)
    {
        if (ReadId(context) is not { } id || !_wings.TryGet(id, out _))
        {
            await WriteWingNotFoundAsync(context);
            return;
        }

        var (name, problem) = await ReadNameAsync(context);
        if (name is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: Invalid input data. {problem}");
            return;
        }

        if (!_wings.TryRename(id, name))
        {
            await WriteWingNotFoundAsync(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private Task GetHangarAsync(HttpContext context)
    {
        var key = context.Request.Headers[DemoApiServer.ApiKeyHeaderName].ToString();
        if (key.Length == 0)
        {
            return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, $"Unauthorized: send the API key in the {DemoApiServer.ApiKeyHeaderName} header.");
        }

        if (!FixedTimeEquals(key, DemoApiServer.ApiKey))
        {
            return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: the API key is not valid.");
        }

        var hangar = new Hangar("Hangar 7", Capacity: 12, Parked: _wings.Count);
        return WriteAsync(context, StatusCodes.Status200OK, new DataEnvelope<Hangar>(hangar), DemoApiJsonContext.Default.HangarData);
    }

    private Task GetFlightsAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } token)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"demo\"";
            return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, $"Unauthorized: send an access token from POST {DemoApiServer.TokenPath} as a bearer token in the Authorization header.");
        }

        if (!Tokens.IsValid(token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"demo\", error=\"invalid_token\"";
            return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized: the access token is expired, revoked or unknown.");
        }

        return WriteAsync(context, StatusCodes.Status200OK, new DataEnvelope<Flight[]>(Flights), DemoApiJsonContext.Default.FlightListData);
    }

    /// <summary>The client credentials grant (RFC 6749 section 4.4), with client authentication per section 2.3.1.</summary>
    private async Task IssueTokenAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            await WriteOAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Send the token request as application/x-www-form-urlencoded.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var inHeader = TryReadBasicCredentials(context.Request, out var clientId, out var clientSecret);
        var inBody = form.ContainsKey("client_id") || form.ContainsKey("client_secret");
        if (inHeader && inBody)
        {
            await WriteOAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Send the client credentials in the Basic header or in the body, not both.");
            return;
        }

        if (inBody)
        {
            clientId = form["client_id"].ToString();
            clientSecret = form["client_secret"].ToString();
        }

        // Both comparisons run whatever the first one says, so timing does not tell which part was wrong.
        if (!(FixedTimeEquals(clientId, DemoApiServer.ClientId) & FixedTimeEquals(clientSecret, DemoApiServer.ClientSecret)))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"demo\"";
            await WriteOAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed: unknown client or wrong secret.");
            return;
        }

        if (form["grant_type"] != "client_credentials")
        {
            await WriteOAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "This endpoint only supports grant_type=client_credentials.");
            return;
        }

        var accessToken = Tokens.Issue(TimeSpan.FromSeconds(DemoApiServer.TokenLifetimeSeconds));
        var response = new TokenResponse(accessToken, "Bearer", DemoApiServer.TokenLifetimeSeconds);
        await WriteAsync(context, StatusCodes.Status200OK, response, DemoApiJsonContext.Default.TokenResponse);
    }

    private static int? ReadPositive(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static int? ReadId(HttpContext context) =>
        int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static Task WriteWingNotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, StatusCodes.Status404NotFound, $"Not Found: wing {context.Request.RouteValues["id"]} does not exist.");

    /// <summary>Reads <c>{"name": "..."}</c>; returns the name, or null and what is wrong with the input.</summary>
    private static async Task<(string? Name, string? Problem)> ReadNameAsync(HttpContext context)
    {
        const string Example = "Send a JSON object with a name.";
        if (!context.Request.HasJsonContentType())
        {
            return (null, $"The body is not JSON. {Example}");
        }

        WingInput? input;
        try
        {
            input = await context.Request.ReadFromJsonAsync(DemoApiJsonContext.Default.WingInput, context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, $"The body is not valid JSON. {Example}");
        }

        var name = input?.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, "The name is required.");
        }

        return name.Length > MaxNameLength
            ? (null, $"The name must be at most {MaxNameLength} characters.")
            : (name, null);
    }

    /// <summary>Reads <c>Authorization: Basic</c> client credentials, each part form-decoded (RFC 6749 section 2.3.1).</summary>
    /// <returns>True when the request has a Basic header, even a malformed one (whose parts are then empty).</returns>
    private static bool TryReadBasicCredentials(HttpRequest request, out string clientId, out string clientSecret)
    {
        clientId = string.Empty;
        clientSecret = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var bytes = new byte[header.Parameter?.Length ?? 0];
        if (header.Parameter is { } parameter && Convert.TryFromBase64String(parameter, bytes, out var length))
        {
            var decoded = Encoding.UTF8.GetString(bytes, 0, length);
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                clientId = WebUtility.UrlDecode(decoded[..colon]);
                clientSecret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
            }
        }

        return true;
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));

    private static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, typeInfo, contentType: null, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int statusCode, string description)
    {
        var envelope = new ErrorEnvelope(new ErrorBody(statusCode.ToString(CultureInfo.InvariantCulture), description));
        return WriteAsync(context, statusCode, envelope, DemoApiJsonContext.Default.ErrorEnvelope);
    }

    private static Task WriteOAuthErrorAsync(HttpContext context, int statusCode, string error, string description) =>
        WriteAsync(context, statusCode, new OAuthErrorResponse(error, description), DemoApiJsonContext.Default.OAuthErrorResponse);
}
