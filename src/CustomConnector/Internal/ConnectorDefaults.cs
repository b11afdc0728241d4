using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>The one place where the library's defaults live; option docs quote these values.</summary>
internal static class ConnectorDefaults
{
    public const long MaxResponseContentBytes = 32L * 1024 * 1024;

    public const int MaxRedirects = 5;

    public const string DataProperty = "data";

    public const string ErrorProperty = "error";

    public const string JsonMediaType = "application/json";

    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>How many bytes of a body that breaks the convention are kept for the exception.</summary>
    public const int BodyExcerptBytes = 512;

    /// <summary>The most an error body is read when looking for an error description.</summary>
    public const long MaxErrorBodyBytes = 1024 * 1024;

    public const string RedactedValue = "REDACTED";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    /// <summary>The longest wait the timeout's <see cref="CancellationTokenSource"/> supports (about 49.7 days).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan TokenRefreshBeforeExpiry = TimeSpan.FromSeconds(30);

    public const int MaxRetries = 3;

    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public const double CircuitFailureRatio = 0.5;

    public const int CircuitMinimumThroughput = 10;

    public static readonly TimeSpan CircuitSamplingDuration = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan CircuitBreakDuration = TimeSpan.FromSeconds(30);

    public const int RateLimitPermits = 10;

    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(1);

    public const int RateLimitQueue = 100;

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The most pages one enumeration requests before it fails rather than stopping short.</summary>
    public const int MaxPages = 10_000;

    /// <summary>The first page number of page-number paging.</summary>
    public const int FirstPage = 1;

    /// <summary>Web defaults: camelCase names, case-insensitive reads, numbers readable from strings.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Query parameter names whose values are treated as credentials and redacted from diagnostics:
    /// the usual key and token names, plus those real services put secrets under (Azure Functions'
    /// <c>code</c>, API Management's <c>subscription-key</c>, AWS and Google signed URLs).
    /// </summary>
    public static readonly string[] SensitiveQueryParameters =
    [
        "api_key", "apikey", "api-key", "x-api-key", "key", "token", "access_token", "access-token", "id_token",
        "refresh_token", "client_secret", "password", "pwd", "secret", "sig", "signature", "auth", "code",
        "subscription-key", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token",
        "X-Goog-Signature", "X-Goog-Credential",
    ];
}
