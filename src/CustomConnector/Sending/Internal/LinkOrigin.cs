namespace CustomConnector.Internal;

/// <summary>Where a next-page link points, as the <see cref="HopTrustPolicy"/> sees it.</summary>
internal enum LinkOrigin
{
    /// <summary>The first page's origin: the developer's endpoint, trusted as page 1 was.</summary>
    FirstPage,

    /// <summary>The base address's origin or a trusted origin: credentials by the connector's rule, no endpoint trust.</summary>
    Trusted,

    /// <summary>Any other origin: nothing that could carry a credential goes there.</summary>
    Foreign,
}
