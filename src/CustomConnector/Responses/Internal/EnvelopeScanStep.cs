namespace CustomConnector.Internal;

/// <summary>Where a step of the <see cref="EnvelopeScanner"/> stopped.</summary>
internal enum EnvelopeScanStep
{
    /// <summary>An element of the data array is wholly buffered.</summary>
    Element,

    /// <summary>The body ended, or carried an error: there are no more elements.</summary>
    End,

    /// <summary>More bytes are needed to go on.</summary>
    NeedMore,
}
