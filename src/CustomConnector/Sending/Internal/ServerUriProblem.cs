namespace CustomConnector.Internal;

/// <summary>Why a server-supplied URI (a redirect's <c>Location</c>, a next-page link) is not followed.</summary>
internal enum ServerUriProblem
{
    /// <summary>It may be followed.</summary>
    None,

    /// <summary>Its scheme is neither http nor https.</summary>
    NotHttp,

    /// <summary>It leads from https down to plain http.</summary>
    Downgrade,
}
