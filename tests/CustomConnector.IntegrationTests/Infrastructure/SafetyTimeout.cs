namespace CustomConnector.IntegrationTests;

/// <summary>
/// Upper bounds on every await in the suite, so that a regression fails a test (with a
/// <see cref="TimeoutException"/>) instead of hanging CI. They are never the behaviour under test.
/// </summary>
internal static class SafetyTimeout
{
    /// <summary>For a client call or a server signal; generous because the machine may be loaded.</summary>
    public static readonly TimeSpan Client = TimeSpan.FromSeconds(20);

    /// <summary>For a server handler waiting on the test.</summary>
    public static readonly TimeSpan Server = TimeSpan.FromSeconds(25);

    public static Task<T> WithSafetyTimeout<T>(this Task<T> task) => task.WaitAsync(Client);

    public static Task WithSafetyTimeout(this Task task) => task.WaitAsync(Client);
}
