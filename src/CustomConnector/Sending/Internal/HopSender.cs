using System.Net;
using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>
/// Sends one attempt of a call: a fresh <see cref="HttpRequestMessage"/> (fresh body, fresh
/// credentials) built from the endpoint, the credentials and headers the <see cref="HopTrustPolicy"/>
/// grants, one refresh of stale credentials on a 401, and the redirects it leads to, until response
/// headers arrive.
/// </summary>
/// <remarks>Knows nothing of retries, timeouts or reading: the stages around it do.</remarks>
internal sealed class HopSender(HttpMessageInvoker http, SendSettings settings, HopTrustPolicy policy)
{
    /// <summary>
    /// Sends one attempt of <paramref name="call"/> to <paramref name="endpoint"/> (its time limit is the
    /// attempt timeout's, around it). The first hop is awaited right here; only a 401 to refresh or a
    /// redirect hands over to the hop loop, so the common call has one async frame fewer.
    /// </summary>
    /// <param name="endpoint">The endpoint whose headers, body and credentials the call sends (it travels beside the call, which knows no endpoint).</param>
    /// <param name="call">The call's descriptor: where it goes, its attempts, its idempotency key.</param>
    /// <param name="token">Cancels the attempt.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResponseMessage> SendAsync(IConnectorEndpoint endpoint, ConnectorCall call, CancellationToken token)
    {
        call.Attempts++;
        var trust = policy.ForFirstHop(endpoint, call.RequestUri!, call.TrustEndpointOrigin);
        var request = CreateRequest(endpoint, call, endpoint.Method, call.RequestUri!, withBody: true, includeEndpointHeaders: trust.EndpointHeadersAllowed, includeDefaultHeaders: trust.FirstHopTrusted);
        var response = await SendHopAsync(request, trust.FirstHopCredentials ? trust.Authentication : null, token).ConfigureAwait(false);

        var refresh = response.StatusCode == HttpStatusCode.Unauthorized && trust.FirstHopCredentials && !call.AuthenticationRefreshed && trust.Authentication is IRefreshableAuthenticationProvider;
        var redirect = settings.FollowRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is not null;
        if (refresh || redirect)
        {
            return await SendLoopAsync(endpoint, call, trust, new SentHop(request, response), token).ConfigureAwait(false);
        }

        request.Dispose();
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool ChangesToGet(HttpStatusCode status, HttpMethod method) =>
        (status == HttpStatusCode.SeeOther && method != HttpMethod.Head)
        || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == HttpMethod.Post);

    /// <summary>Asks the provider to drop rejected credentials; the 401 is disposed if the provider fails.</summary>
    private static async ValueTask<bool> InvalidateAsync(IRefreshableAuthenticationProvider provider, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.InvalidateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        if (HttpHeaderRules.IsContentHeader(name))
        {
            // Content-Type and friends belong to the content (request.Headers throws on them);
            // a request without a body has nowhere to carry them.
            if (request.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }

            return;
        }

        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>The hop loop after the first hop: a credential refresh, the redirects.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage> SendLoopAsync(IConnectorEndpoint endpoint, ConnectorCall call, HopTrust trust, SentHop sent, CancellationToken token)
    {
        var requestUri = call.RequestUri!;
        var authentication = trust.Authentication;
        var method = endpoint.Method;
        var uri = requestUri;
        var withBody = true;
        for (var hop = 0; ;)
        {
            HopTrustPolicy.ForHop(trust, hop == 0 || UriJoiner.SameOrigin(uri, requestUri), out var credentials, out var endpointHeaders, out var defaultHeaders);
            HttpRequestMessage request;
            HttpResponseMessage response;
            if (sent.Request is { } first)
            {
                // The first hop was sent by the caller (the happy path, without this method's state machine).
                (request, response) = (first, sent.Response);
                sent = default;
            }
            else
            {
                request = CreateRequest(endpoint, call, method, uri, withBody, endpointHeaders, defaultHeaders);
                response = await SendHopAsync(request, credentials ? authentication : null, token).ConfigureAwait(false);
            }

            using var sentRequest = request;
            if (response.StatusCode == HttpStatusCode.Unauthorized && credentials && !call.AuthenticationRefreshed
                && authentication is IRefreshableAuthenticationProvider refreshable
                && await InvalidateAsync(refreshable, request, response, token).ConfigureAwait(false))
            {
                // Stale credentials: one more try with fresh ones, once per call; not counted as a retry.
                response.Dispose();
                call.AuthenticationRefreshed = true;
                continue;
            }

            if (!settings.FollowRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (++hop > settings.MaxRedirects)
            {
                throw new ConnectorException(call.CreateContext(response.StatusCode), $"{call.Describe()} was redirected more than {settings.MaxRedirects} times. Check the URI, or raise ConnectorClientOptions.MaxRedirects.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            switch (HopTrustPolicy.CheckServerSupplied(uri, next))
            {
                case ServerUriProblem.NotHttp:
                    throw new ConnectorException(call.CreateContext(response.StatusCode), $"{call.Describe()} was redirected to a '{next.Scheme}' URI, which the connector does not follow.");
                case ServerUriProblem.Downgrade:
                    throw new ConnectorException(call.CreateContext(response.StatusCode), $"{call.Describe()} was redirected from https to plain http; the connector does not downgrade.");
            }

            next = HopTrustPolicy.WithoutCredentials(next, authentication);
            if (ChangesToGet(response.StatusCode, method))
            {
                method = HttpMethod.Get;
                withBody = false;
            }

            uri = next;
        }
    }

    /// <summary>Adds the credentials, if any, and sends one hop; the request is disposed if that fails.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage> SendHopAsync(HttpRequestMessage request, IAuthenticationHeaderProvider? credentials, CancellationToken token)
    {
        try
        {
            if (credentials is not null)
            {
                await credentials.ApplyAsync(request, token).ConfigureAwait(false);
            }

            return await (http is HttpClient client
                ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token)
                : http.SendAsync(request, token)).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateRequest(IConnectorEndpoint endpoint, ConnectorCall call, HttpMethod method, Uri uri, bool withBody, bool includeEndpointHeaders, bool includeDefaultHeaders)
    {
        var request = new HttpRequestMessage(method, uri);
        try
        {
            if (withBody)
            {
                request.Content = endpoint.CreateContent(settings.SerializerOptions);
            }

            request.Headers.TryAddWithoutValidation("Accept", ConnectorDefaults.JsonMediaType);
            if (includeDefaultHeaders)
            {
                // Connector-wide headers may carry credentials: they go where credentials may go.
                foreach (var (name, value) in settings.DefaultHeaders)
                {
                    SetHeader(request, name, value);
                }
            }

            if (includeEndpointHeaders)
            {
                // Indexed, not foreach: enumerating an IReadOnlyList allocates an enumerator, and this runs per attempt.
                var headers = endpoint.Headers;
                for (var i = 0; i < headers.Count; i++)
                {
                    SetHeader(request, headers[i].Key, headers[i].Value);
                }
            }

            if (call.IdempotencyKey is { } key && method != HttpMethod.Get)
            {
                SetHeader(request, ConnectorDefaults.IdempotencyKeyHeader, key);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <summary>A first hop already sent, handed to the hop loop to carry on from its response.</summary>
    private readonly record struct SentHop(HttpRequestMessage Request, HttpResponseMessage Response);
}
