namespace CustomConnector.Internal;

/// <summary>The body is valid JSON but not the shape the envelope requires; the message completes "The response ...".</summary>
internal sealed class EnvelopeShapeException(string problem) : Exception(problem);
