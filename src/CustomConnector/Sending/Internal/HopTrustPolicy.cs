namespace CustomConnector.Internal;

/// <summary>
/// The one trust policy: which credentials and headers go on a hop, for a call's first hop, its
/// redirects and the next-page links of a walk alike.
/// </summary>
/// <remarks>
/// <para>
/// Credentials (the provider's, and the connector's default headers, which may carry some) go to the
/// base address's origin and the trusted origins; an endpoint with its own provider, or a client without a
/// base address, also trusts the endpoint's own origin, since the developer wrote that URI. A
/// server-supplied URI never earns trust of its own.
/// </para>
/// <para>
/// A redirect keeps the first hop's grant on the same origin and drops everything on any other one.
/// A server-supplied URI loses the query parameters the provider owns
/// (<see cref="IAuthenticationHeaderProvider.CredentialQueryParameterNames"/>) before it is sent, and is
/// only followed over http(s) without a downgrade from https.
/// </para>
/// </remarks>
internal sealed class HopTrustPolicy(SendSettings settings)
{
    /// <summary>Gets what the first hop to <paramref name="requestUri"/> earns.</summary>
    /// <param name="endpoint">The endpoint sent.</param>
    /// <param name="requestUri">Where the first hop goes.</param>
    /// <param name="trustEndpointOrigin">Whether <paramref name="requestUri"/> is the developer's (the endpoint's own URI) rather than a server's.</param>
    public HopTrust ForFirstHop(IConnectorEndpoint endpoint, Uri requestUri, bool trustEndpointOrigin)
    {
        var authentication = ProviderOf(endpoint);
        var firstHopTrusted = settings.IsTrustedOrigin(requestUri)
            || (trustEndpointOrigin && (endpoint.Authentication is not null || settings.BaseAddress is null));

        // Endpoint headers go to the endpoint's own origin (the developer wrote it) and wherever
        // credentials may go; they may carry credentials too, so a server-supplied link to any other
        // origin (a next-page link) gets none of them.
        return new(authentication, firstHopTrusted, trustEndpointOrigin || firstHopTrusted);
    }

    /// <summary>Gets the provider a call to <paramref name="endpoint"/> uses, if any.</summary>
    public IAuthenticationHeaderProvider? ProviderOf(IConnectorEndpoint endpoint) =>
        endpoint.IsAnonymous ? null : endpoint.Authentication ?? settings.Authentication;

    /// <summary>
    /// True when the first hop would carry a credential: the provider's, a credential-like default
    /// header, or an endpoint header that looks like a credential or has a name the provider owns.
    /// </summary>
    public bool FirstHopCarriesCredentials(IConnectorEndpoint endpoint, Uri requestUri, bool trustEndpointOrigin)
    {
        var trust = ForFirstHop(endpoint, requestUri, trustEndpointOrigin);
        if (trust.FirstHopTrusted && (trust.Authentication is not null || settings.HasCredentialDefaultHeaders))
        {
            return true;
        }

        if (trust.EndpointHeadersAllowed)
        {
            // Indexed, not foreach: enumerating an IReadOnlyList allocates an enumerator, and this runs per call.
            var headers = endpoint.Headers;
            for (var i = 0; i < headers.Count; i++)
            {
                if (PlainHttpRule.IsCredentialHeader(headers[i].Key) || IsOwnedHeader(trust.Authentication, headers[i].Key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Gets what a hop of an attempt earns: the first hop's grant on its origin, nothing on another.</summary>
    /// <param name="trust">The first hop's grant.</param>
    /// <param name="sameOrigin">Whether the hop goes to the first hop's origin.</param>
    /// <param name="credentials">Whether the provider adds credentials.</param>
    /// <param name="endpointHeaders">Whether the endpoint's headers go.</param>
    /// <param name="defaultHeaders">Whether the connector's default headers go.</param>
    public static void ForHop(in HopTrust trust, bool sameOrigin, out bool credentials, out bool endpointHeaders, out bool defaultHeaders)
    {
        defaultHeaders = trust.FirstHopTrusted && sameOrigin;
        credentials = defaultHeaders && trust.Authentication is not null;
        endpointHeaders = sameOrigin && trust.EndpointHeadersAllowed;
    }

    /// <summary>Checks a server-supplied URI (a redirect's <c>Location</c>, a next-page link) before it is followed.</summary>
    /// <param name="from">The URI of the response that supplied <paramref name="target"/>.</param>
    /// <param name="target">The absolute URI supplied.</param>
    /// <returns>Why it must not be followed, or <see cref="ServerUriProblem.None"/>.</returns>
    public static ServerUriProblem CheckServerSupplied(Uri from, Uri target) =>
        target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps ? ServerUriProblem.NotHttp
        : from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp ? ServerUriProblem.Downgrade
        : ServerUriProblem.None;

    /// <summary>
    /// Removes the query parameters <paramref name="provider"/> owns from a server-supplied URI: a server
    /// that copies the incoming query into its links hands a query key back, however encoded, and only the
    /// provider puts it on a request, on a hop that earns it.
    /// </summary>
    public static Uri WithoutCredentials(Uri target, IAuthenticationHeaderProvider? provider) =>
        CredentialQueryParameters.RemoveFrom(target, provider);

    /// <summary>Classifies a next-page link's origin against the walk's first page.</summary>
    public LinkOrigin ClassifyLink(Uri link, Uri firstPage) =>
        UriJoiner.SameOrigin(link, firstPage) ? LinkOrigin.FirstPage
        : settings.IsTrustedOrigin(link) ? LinkOrigin.Trusted
        : LinkOrigin.Foreign;

    private static bool IsOwnedHeader(IAuthenticationHeaderProvider? provider, string name)
    {
        if (provider is null)
        {
            return false;
        }

        var owned = provider.CredentialHeaderNames;
        for (var i = 0; i < owned.Count; i++)
        {
            if (string.Equals(owned[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
