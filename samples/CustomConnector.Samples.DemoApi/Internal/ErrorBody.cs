namespace CustomConnector.Samples.DemoApi.Internal;

/// <summary>The inside of an error envelope. The convention sends <c>code</c> as a string.</summary>
internal sealed record ErrorBody(string Code, string Description);
