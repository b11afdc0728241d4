namespace CustomConnector.Samples.Testing;

/// <summary>The body that creates or renames a wing.</summary>
public sealed record NewWing(string Name);
