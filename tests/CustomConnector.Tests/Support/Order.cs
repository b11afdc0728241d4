namespace CustomConnector.Tests;

/// <summary>A POST body with a PascalCase property, so that the serializer's naming policy shows on the wire.</summary>
public sealed record Order(string CustomerName, decimal Total);
