using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CustomConnector.Internal;

/// <summary>
/// Reads a connector's Redis settings from <c>Connectors:{name}:Redis</c> and validates them at startup,
/// every problem at once, one per line, by configuration path; the connection string is never quoted.
/// </summary>
internal sealed class RedisConnectorOptionsSetup(string connectorName) : IValidateOptions<RedisConnectorOptions>
{
    public string Path => $"Connectors:{connectorName}:Redis";

    public void Read(IConfiguration? configuration, RedisConnectorOptions options)
    {
        if (configuration?.GetSection(Path) is not { } section)
        {
            return;
        }

        options.Configuration = section["Configuration"] ?? options.Configuration;
        options.KeyPrefix = section["KeyPrefix"] ?? options.KeyPrefix;
        options.OperationTimeout = Time(section["OperationTimeout"]) ?? options.OperationTimeout;
        options.LockWait = Time(section["LockWait"]) ?? options.LockWait;
        options.LockLease = Time(section["LockLease"]) ?? options.LockLease;
    }

    public ValidateOptionsResult Validate(string? name, RedisConnectorOptions options)
    {
        if (!string.Equals(name, connectorName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            errors.Add($"{Path}:Configuration is required: the StackExchange.Redis configuration string, such as 'localhost:6379'.");
        }
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.Configuration).EndPoints.Count == 0)
                {
                    errors.Add($"{Path}:Configuration names no Redis endpoint; give host:port first, such as 'localhost:6379'.");
                }
            }
            catch (ArgumentException)
            {
                // The parser's message may quote the value, which may hold a password.
                errors.Add($"{Path}:Configuration is not a valid StackExchange.Redis configuration string (value hidden); see https://stackexchange.github.io/StackExchange.Redis/Configuration.");
            }
        }

        Range(errors, "OperationTimeout", options.OperationTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        Range(errors, "LockWait", options.LockWait, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        Range(errors, "LockLease", options.LockLease, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            errors.Add($"{Path}:KeyPrefix is empty; give a prefix such as 'customconnector'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(string.Join(Environment.NewLine, errors));
    }

    /// <summary>Checks code-only rate limit settings when they are registered.</summary>
    public static void ThrowIfInvalid(RedisRateLimitOptions options, string paramName)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Kind))
        {
            errors.Add($"RedisRateLimitOptions.Kind is {(int)options.Kind}; use FixedWindow, SlidingWindow or TokenBucket.");
        }

        if (options.PermitLimit < 1)
        {
            errors.Add($"RedisRateLimitOptions.PermitLimit is {options.PermitLimit}; it must be at least 1.");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            errors.Add($"RedisRateLimitOptions.Window is {options.Window}; it must be positive.");
        }

        if (options.QueueLimit < 0)
        {
            errors.Add($"RedisRateLimitOptions.QueueLimit is {options.QueueLimit}; it must be zero or more.");
        }

        if (options.FallbackPermitLimit is < 1)
        {
            errors.Add($"RedisRateLimitOptions.FallbackPermitLimit is {options.FallbackPermitLimit}; it must be at least 1, or null for PermitLimit.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), paramName);
        }
    }

    private static TimeSpan? Time(string? value) =>
        value is null ? null
        : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && value.Contains(':', StringComparison.Ordinal) ? parsed
        : TimeSpan.MinValue; // refused by validation, rather than read as days

    private void Range(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value == TimeSpan.MinValue)
        {
            errors.Add($"{Path}:{setting} is not a time span; write it as hh:mm:ss, such as 00:00:00.500.");
        }
        else if (value < min || value > max)
        {
            errors.Add($"{Path}:{setting} is {value}; it must be from {min} to {max}.");
        }
    }
}
