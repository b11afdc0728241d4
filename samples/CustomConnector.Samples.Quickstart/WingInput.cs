namespace CustomConnector.Samples.Quickstart;

/// <summary>The body that creates or renames a wing: <c>{"name": "Delta Wing"}</c>.</summary>
public sealed record WingInput(string? Name);
