namespace CustomConnector.Samples.Testing;

/// <summary>Code that takes results directly: tested with ConnectorResult's factories, no HTTP at all.</summary>
public static class Describe
{
    /// <summary>Whether the result is the API's 404.</summary>
    public static bool IsNotFound<T>(ConnectorResult<T> result) => result.IsError && result.Error.Code == "404";

    /// <summary>One line for a wing lookup, for a status page.</summary>
    public static string WingLookup(ConnectorResult<Wing> result) => result.Match(
        onEmpty: () => "no content",
        onData: wing => $"wing {wing.Id}: {wing.Name}",
        onError: error => result.RetryAfter is { } wait ? $"unavailable, retry in {wait.TotalSeconds:0}s" : $"error {error.Code}: {error.Description}");
}
