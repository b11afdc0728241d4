using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomConnector.Redis.Tests;

/// <summary>One host instance: the worker program in a process of its own, with its own DI container.</summary>
internal sealed partial record Worker(int Ok, int Failed, int Warnings, string FirstError)
{
    private static readonly string Dll = Path.Combine(
        AppContext.BaseDirectory.Replace("CustomConnector.Redis.Tests", "CustomConnector.Redis.Worker", StringComparison.Ordinal),
        "CustomConnector.Redis.Worker.dll");

    public static async Task<Worker> RunAsync(ProtectedApi api, string redis, double seconds, int parallel, int sharedLimit, TimeSpan window, int fallbackLimit)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Dll, api.BaseAddress.ToString(), new Uri(api.BaseAddress, "token").ToString(), redis, seconds.ToString(CultureInfo.InvariantCulture),
            parallel.ToString(CultureInfo.InvariantCulture), sharedLimit.ToString(CultureInfo.InvariantCulture),
            ((int)window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), fallbackLimit.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 40));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        var match = Result().Match(text);
        Assert.True(process.ExitCode == 0 && match.Success, $"The worker failed (exit {process.ExitCode}): {text} {await error}");
        return new Worker(
            int.Parse(match.Groups["ok"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["failed"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["warnings"].Value, CultureInfo.InvariantCulture),
            match.Groups["error"].Value);
    }

    [GeneratedRegex(@"RESULT ok=(?<ok>\d+) failed=(?<failed>\d+) warnings=(?<warnings>\d+) first-error=(?<error>.*)")]
    private static partial Regex Result();
}
