using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CustomConnector.IntegrationTests;

/// <summary>
/// Many callers through one client with OAuth, against a Kestrel API that answers a share of attempts
/// with 503 or drops the connection (before the response, or half way through its body): every call
/// ends in data or a typed exception, the token is fetched once per lifetime, and every response the
/// sockets handler creates is disposed.
/// </summary>
/// <remarks>
/// The faults are planned per call and per attempt from a seeded <see cref="Random"/>; the client's
/// handler stamps each attempt's number on its request and the server looks the fault up. So every
/// call's outcome, and its number of attempts, is known before the run, however the 64 callers interleave.
/// </remarks>
[Collection(KestrelCollectionDefinition.Name)]
public sealed class LoadTests(TestServerFixture servers, ITestOutputHelper output)
{
    private const int Callers = 64;
    private const int Lifetimes = 4;
    private const int CallsPerLifetime = 900;
    private const int Calls = Lifetimes * CallsPerLifetime;
    private const int MaxRetries = 3;
    private const string AttemptHeader = "X-Load-Attempt";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Bounds the whole run; it normally takes a few seconds.</summary>
    private static readonly TimeSpan RunBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SendAsync_64CallersWithOAuthAndInjected503sAndResets_EveryCallTypedOneTokenPerLifetimeNoResponseLeaked()
    {
        var plan = PlanFaults(new Random(8013));
        var expected = Array.ConvertAll(plan, Expect);

        // The provider's clock: the test moves it by one token lifetime between rounds of calls.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var issued = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var tokenRequests = 0;
        var tokenPath = servers.Secondary.Map(context =>
        {
            var token = $"load-token-{Interlocked.Increment(ref tokenRequests)}";
            issued[token] = clock.GetUtcNow() + TokenLifetime;
            return Reply.Json(200, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{(int)TokenLifetime.TotalSeconds}}}""")(context);
        });

        // A cut body is dropped only once the client has the headers: dropped sooner, the reset could
        // discard them unread and the cut would pass for a reset before the response.
        var headersArrived = new ConcurrentDictionary<(int Call, int Attempt), TaskCompletionSource>();
        TaskCompletionSource HeadersArrived(int call, int attempt) =>
            headersArrived.GetOrAdd((call, attempt), static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var apiRequests = 0;
        var rejected = 0;
        var apiPath = servers.Primary.Map(context =>
        {
            Interlocked.Increment(ref apiRequests);
            var authorization = context.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
                || !issued.TryGetValue(authorization["Bearer ".Length..], out var expiry) || clock.GetUtcNow() >= expiry)
            {
                Interlocked.Increment(ref rejected);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            var call = int.Parse(context.Request.Query["call"].ToString(), CultureInfo.InvariantCulture);
            var attempt = int.Parse(context.Request.Headers[AttemptHeader].ToString(), CultureInfo.InvariantCulture);
            switch (plan[call][attempt - 1])
            {
                case LoadFault.Unavailable:
                    return Reply.Status(StatusCodes.Status503ServiceUnavailable)(context);
                case LoadFault.Reset:
                    context.Abort();
                    return Task.CompletedTask;
                case LoadFault.Cut:
                    return CutAsync(context, Data(call), HeadersArrived(call, attempt).Task);
                default:
                    return Reply.Json(200, Data(call))(context);
            }
        });

        var attemptsSent = new ConcurrentDictionary<int, int>();
        using var tokenHandler = new ResponseCountingHandler();
        using var tokenClient = new HttpClient(tokenHandler, disposeHandler: false);
        using var provider = new OAuth2ClientCredentialsProvider(
            new OAuth2ClientCredentialsOptions
            {
                TokenEndpoint = servers.Secondary.Url(tokenPath),
                ClientId = "load-client",
                ClientSecret = "load-s3cret",
                RefreshBeforeExpiry = TimeSpan.Zero,
            },
            tokenClient,
            clock);
        using var apiHandler = new ResponseCountingHandler(
            onSending: request =>
            {
                var attempt = attemptsSent.AddOrUpdate(CallOf(request), 1, static (_, sent) => sent + 1);
                request.Headers.TryAddWithoutValidation(AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
            },
            onResponse: response =>
            {
                var request = response.RequestMessage!;
                HeadersArrived(CallOf(request), int.Parse(request.Headers.GetValues(AttemptHeader).Single(), CultureInfo.InvariantCulture)).TrySetResult();
            });
        using var apiClient = new HttpClient(apiHandler, disposeHandler: false);
        var options = new ConnectorClientOptions { BaseAddress = servers.Primary.BaseAddress, Authentication = provider };
        options.Resilience.MaxRetries = MaxRetries;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(2);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(10);
        using var client = new ConnectorClient(apiClient, options);

        var outcomes = new (string Kind, int Attempts)[Calls];
        var unexpected = new ConcurrentQueue<string>();
        var elapsed = Stopwatch.StartNew();
        await RunAsync().WaitAsync(RunBound);
        elapsed.Stop();

        async Task RunAsync()
        {
            for (var lifetime = 0; lifetime < Lifetimes; lifetime++)
            {
                if (lifetime > 0)
                {
                    // No call is in flight: the token all 64 callers hold has just expired, and they must share one fetch.
                    clock.Advance(TokenLifetime);
                }

                var next = lifetime * CallsPerLifetime;
                var end = next + CallsPerLifetime;
                await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
                {
                    for (var call = Interlocked.Increment(ref next) - 1; call < end; call = Interlocked.Increment(ref next) - 1)
                    {
                        outcomes[call] = await CallAsync(client, apiPath, call, unexpected);
                    }
                })));
            }
        }

        var kinds = outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"calls {Calls} by {Callers} callers in {Lifetimes} token lifetimes; elapsed {elapsed.ElapsedMilliseconds} ms");
        output.WriteLine($"outcomes: {string.Join(", ", kinds)}");
        output.WriteLine($"planned faults (of {plan.Length * (MaxRetries + 1)} possible attempts): {string.Join(", ", plan.SelectMany(p => p).GroupBy(f => f).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        output.WriteLine($"API: attempts sent {apiHandler.Sent}, server requests seen {Volatile.Read(ref apiRequests)}, rejected 401 {Volatile.Read(ref rejected)}, transport failures {apiHandler.Failed}, responses created {apiHandler.Created}, disposed {apiHandler.Disposed}");
        output.WriteLine($"token endpoint: fetches {Volatile.Read(ref tokenRequests)}, responses created {tokenHandler.Created}, disposed {tokenHandler.Disposed}");
        foreach (var text in unexpected.Take(10))
        {
            output.WriteLine($"unexpected: {text}");
        }

        Assert.Empty(unexpected);
        Assert.Equal(expected, outcomes);
        Assert.Equal(0, Volatile.Read(ref rejected));
        Assert.Equal(Lifetimes, Volatile.Read(ref tokenRequests));
        Assert.Equal(expected.Sum(o => o.Attempts), apiHandler.Sent);
        Assert.Equal(apiHandler.Sent - apiHandler.Failed, apiHandler.Created);
        Assert.Equal(apiHandler.Created, apiHandler.Disposed);
        Assert.Equal(Lifetimes, tokenHandler.Created);
        Assert.Equal(tokenHandler.Created, tokenHandler.Disposed);
    }

    /// <summary>One call, reduced to its outcome: data (checked to be this call's), or the typed exception it ended in.</summary>
    private static async Task<(string Kind, int Attempts)> CallAsync(ConnectorClient client, string path, int call, ConcurrentQueue<string> unexpected)
    {
        var endpoint = ConnectorEndpoint.Get(path).WithQueryParameter("call", call).Build();
        try
        {
            var result = await client.SendAsync(endpoint, IntegrationJsonContext.Default.Wing);
            var wing = result.GetDataOrThrow();
            if (wing.Id != call)
            {
                unexpected.Enqueue($"call {call} got the data of call {wing.Id}");
            }

            return ("data", result.Attempts);
        }
        catch (ServiceUnavailableException exception) when (exception.GetType() == typeof(ServiceUnavailableException))
        {
            return ("503", exception.Attempts);
        }
        catch (ConnectorException exception) when (exception.GetType() == typeof(ConnectorException) && exception.InnerException is HttpRequestException or IOException)
        {
            // The attempt failed before a response: the pipeline retried it; a body cut short fails the call as it reads.
            return (exception.InnerException is HttpRequestException ? "reset" : "cut", exception.Attempts);
        }
        catch (Exception exception)
        {
            unexpected.Enqueue($"call {call}: {exception}");
            return ("other", 0);
        }
    }

    private static string Data(int call) => $$"""{"data": {"id": {{call}}, "name": "Wing"} }""";

    private static int CallOf(HttpRequestMessage request) =>
        int.Parse(QueryHelpers.ParseQuery(request.RequestUri!.Query)["call"].ToString(), CultureInfo.InvariantCulture);

    /// <summary>Declares the whole body, sends half of it, and drops the connection once the client has the headers.</summary>
    private static async Task CutAsync(HttpContext context, string json, Task headersArrived)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await headersArrived.WaitAsync(SafetyTimeout.Server, context.RequestAborted);
        context.Abort();
    }

    /// <summary>
    /// Per call, one fault (or none) for each possible attempt. One call in twenty fails every attempt,
    /// so that retries run out; the others meet a fault on an attempt one time in five.
    /// </summary>
    private static LoadFault[][] PlanFaults(Random random)
    {
        var plan = new LoadFault[Calls][];
        for (var call = 0; call < Calls; call++)
        {
            var doomed = random.NextDouble() < 0.05;
            plan[call] = new LoadFault[MaxRetries + 1];
            for (var attempt = 0; attempt <= MaxRetries; attempt++)
            {
                plan[call][attempt] = doomed || random.NextDouble() < 0.2
                    ? random.NextDouble() switch
                    {
                        < 0.5 => LoadFault.Unavailable,
                        < 0.85 => LoadFault.Reset,
                        _ => LoadFault.Cut,
                    }
                    : LoadFault.None;
            }
        }

        return plan;
    }

    /// <summary>
    /// The outcome a call's plan leads to: data at its first healthy attempt; a failed read at the first cut
    /// body (the response had arrived, so the pipeline is done); else what its last attempt met.
    /// </summary>
    private static (string Kind, int Attempts) Expect(LoadFault[] faults)
    {
        for (var attempt = 0; attempt < faults.Length; attempt++)
        {
            switch (faults[attempt])
            {
                case LoadFault.None:
                    return ("data", attempt + 1);
                case LoadFault.Cut:
                    return ("cut", attempt + 1);
            }
        }

        return (faults[^1] == LoadFault.Unavailable ? "503" : "reset", faults.Length);
    }
}
