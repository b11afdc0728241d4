namespace CustomConnector.Internal;

/// <summary>What a call's first hop earns under the <see cref="HopTrustPolicy"/>; later hops earn at most the same.</summary>
/// <param name="Authentication">The provider in use, or <see langword="null"/> for an anonymous call.</param>
/// <param name="FirstHopTrusted">Whether the first hop's origin receives credentials and the connector's default headers.</param>
/// <param name="EndpointHeadersAllowed">Whether the endpoint's own headers go to the first hop's origin.</param>
internal readonly record struct HopTrust(IAuthenticationHeaderProvider? Authentication, bool FirstHopTrusted, bool EndpointHeadersAllowed)
{
    /// <summary>Gets a value indicating whether the first hop carries the provider's credentials.</summary>
    public bool FirstHopCredentials => Authentication is not null && FirstHopTrusted;
}
