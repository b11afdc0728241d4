namespace CustomConnector.Internal;

/// <summary>The client settings a response reader applies: the size limit, the clock, and the stall limit of a streamed body.</summary>
/// <param name="MaxContentBytes">The most bytes of a body read whole (a value, a page, an error), or of one element of a streamed array.</param>
/// <param name="TimeProvider">The clock <c>Retry-After</c> dates and the stall limit are measured with.</param>
/// <param name="ReadTimeout">The longest wait for more of a streamed body; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
internal readonly record struct ResponseLimits(long MaxContentBytes, TimeProvider TimeProvider, TimeSpan ReadTimeout);
