using System.Text;

namespace CustomConnector.Cli.Tests;

/// <summary>The secrets the test server accepts, one per kind; none may ever appear in the tool's output.</summary>
internal static class Secrets
{
    public const string Username = "svc-user";
    public const string Password = "basic-pw-s3cret";
    public const string BearerToken = "bearer-tok-s3cret";
    public const string HeaderApiKey = "header-key-s3cret";
    public const string QueryApiKey = "query-key-s3cret";
    public const string ClientId = "cli-client";
    public const string ClientSecret = "client-secret-s3cret";
    public const string AccessToken = "oauth-access-s3cret";
    public const string Cookie = "session-cookie-s3cret";

    public static string BasicHeader => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    public static string BasicClientHeader => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));

    /// <summary>Every secret and every encoded form of one that could leak.</summary>
    public static readonly string[] All =
    [
        Password, BearerToken, HeaderApiKey, QueryApiKey, ClientSecret, AccessToken, Cookie,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")),
    ];

    public static void AssertNoneIn(string text)
    {
        foreach (var secret in All)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
