namespace CustomConnector.Samples.Aot;

/// <summary>The body that creates a wing: <c>{"name": "Delta Wing"}</c>.</summary>
public sealed record WingInput(string? Name);
