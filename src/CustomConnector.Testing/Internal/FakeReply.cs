namespace CustomConnector.Testing.Internal;

/// <summary>One scripted answer of a route: builds a fresh response (or throws, or waits) per request.</summary>
internal delegate Task<HttpResponseMessage> FakeReply(FakeRequest request, CancellationToken cancellationToken);
