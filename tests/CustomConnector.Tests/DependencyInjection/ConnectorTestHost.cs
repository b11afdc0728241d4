using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.DependencyInjection;

/// <summary>Shared pieces for the dependency-injection tests: configuration, a mock API and its payload.</summary>
internal static class ConnectorTestHost
{
    public const string DataJson = """{"data": {"id": 1001, "name": "Wing"}}""";

    public static IConfigurationRoot Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    /// <summary>Registers connector "wings" from <c>Connectors:Wings</c> in <paramref name="values"/> and returns what startup validation reports.</summary>
    public static List<string> StartupFailures(IDictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", configuration.GetSection("Connectors:Wings"));
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return Failures(exception);
        }
    }

    /// <summary>The problems startup validation reported, one per line of the exception's message.</summary>
    public static List<string> Failures(OptionsValidationException exception) => Problems(exception.Message);

    /// <summary>
    /// The problems a validation message lists: the one line of a single problem, or the indented lines
    /// under the "... has N problems:" header of several (whose count must match).
    /// </summary>
    public static List<string> Problems(string message)
    {
        var lines = message.Split(Environment.NewLine);
        if (lines.Length == 1)
        {
            return [.. lines];
        }

        Assert.EndsWith($" has {lines.Length - 1} configuration problems:", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..], line => Assert.StartsWith("  ", line, StringComparison.Ordinal));
        return [.. lines[1..].Select(line => line[2..])];
    }

    /// <summary>Routes the connector's HTTP traffic to <paramref name="handler"/> instead of the network.</summary>
    public static IConnectorBuilder UseHandler(this IConnectorBuilder builder, HttpMessageHandler handler)
    {
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => handler);
        return builder;
    }

    public static MockHttpMessageHandler RespondWithData(this MockHttpMessageHandler handler)
    {
        handler.Fallback.Respond(HttpStatusCode.OK, "application/json", DataJson);
        return handler;
    }
}

public sealed record WingDto(int Id, string Name);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WingDto))]
internal sealed partial class DiJsonContext : JsonSerializerContext;
