namespace CustomConnector.Internal;

/// <summary>The Redis package's defaults, each stated in its option's documentation.</summary>
internal static class RedisDefaults
{
    public const string KeyPrefix = "customconnector";
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting instance looks at the shared lock or the shared limit again.</summary>
    public static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>How often, during an outage, one operation tries Redis again even if the client still reports it disconnected.</summary>
    public static readonly TimeSpan OutageProbe = TimeSpan.FromSeconds(1);

    /// <summary>Tokens with no lifetime are kept this long in Redis at most (the API's 401 drops them sooner).</summary>
    public static readonly TimeSpan MaxTokenTtl = TimeSpan.FromDays(1);
}
