namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>The body of <c>POST wings</c> and <c>POST wings/{id}</c>: <c>{"name": "..."}</c>.</summary>
internal sealed record WingInput(string? Name);
