using System.Diagnostics;
using System.Reflection;

namespace CustomConnector.Benchmarks;

/// <summary>
/// The <see cref="LoopbackApi"/> in a process of its own (this program with the argument <c>serve</c>),
/// so that BenchmarkDotNet's memory diagnoser, which counts every allocation of the process it
/// measures, sees the client's bytes alone. <see cref="Program"/> starts it once per run and hands its
/// address to BenchmarkDotNet's child processes in <see cref="AddressVariable"/>.
/// </summary>
public sealed class ApiServerProcess : IDisposable
{
    /// <summary>The environment variable that holds the server's base address for the benchmark processes.</summary>
    public const string AddressVariable = "CUSTOMCONNECTOR_BENCHMARK_API";

    /// <summary>The line the server prints, before its base address, once it listens.</summary>
    public const string ReadyPrefix = "listening at ";

    private readonly Process _process;

    private ApiServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The base address of the server this run started: for the benchmarks' setup.</summary>
    public static Uri RunAddress =>
        Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address
            ? new Uri(address)
            : throw new InvalidOperationException($"{AddressVariable} is not set: run the benchmarks through this program's Main (dotnet run -c Release --project tests/CustomConnector.Benchmarks -- --filter ...), which starts the API server in a process of its own.");

    public static async Task<ApiServerProcess> StartAsync()
    {
        // Run as an apphost, the process is this program; run as `dotnet x.dll`, it is dotnet, given the dll.
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown, so the API server cannot be started.");
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add("serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host} serve.");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The API server did not start; it said: {line ?? "(nothing)"}");
            }

            return new ApiServerProcess(process, new Uri(line[ReadyPrefix.Length..]));
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>The server side: listens until its standard input closes (the parent ended, or asked it to stop).</summary>
    public static async Task ServeAsync()
    {
        await using var api = await LoopbackApi.StartAsync();
        Console.WriteLine(ReadyPrefix + api.BaseAddress);
        await Console.In.ReadToEndAsync();
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
