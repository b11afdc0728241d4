using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace CustomConnector.Cli.Definitions;

/// <summary>
/// Loads a connector definition the way a host app does: the JSON file, then secrets from the environment
/// and <c>--secret</c>, bound and validated by <c>AddCustomConnector(name, configuration)</c> on a service collection.
/// </summary>
/// <remarks>
/// Secrets never live in the file. From the environment they come with the connector's prefix, as
/// <c>AddEnvironmentVariables("WINGS_")</c> would read them (<c>WINGS_Authentication__Password</c>); with
/// <c>--section</c>, without a prefix (<c>Connectors__Wings__Authentication__Password</c>), as a host reads them.
/// </remarks>
internal static class DefinitionLoader
{
    /// <summary>The authentication keys that hold secrets, relative to the connector.</summary>
    public static readonly string[] SecretKeys = ["Authentication:Password", "Authentication:Token", "Authentication:ApiKeyValue", "Authentication:ClientSecret"];

    /// <summary>Keys that <c>--secret</c> accepts without their <c>Authentication:</c> prefix.</summary>
    private static readonly string[] AuthenticationShortKeys = ["Username", "Password", "Token", "ApiKeyValue", "ClientId", "ClientSecret"];

    /// <summary>Builds the connector's container and runs its startup validation.</summary>
    /// <returns>The loaded connector; its <see cref="LoadedConnector.Problems"/> are the startup validation's, one per line.</returns>
    /// <exception cref="UsageException">The file is missing or is not valid JSON.</exception>
    public static LoadedConnector Load(DefinitionSource source, CliEnvironment environment, bool preview, TextWriter warnings)
    {
        var fullPath = System.IO.Path.GetFullPath(source.Path, environment.CurrentDirectory);
        if (!File.Exists(fullPath))
        {
            throw new UsageException($"The definition file '{source.Path}' does not exist. Pass --definition with the path of a connector definition (JSON).");
        }

        var name = source.Name ?? NameFromPath(fullPath);
        IConfigurationRoot fileConfiguration;
        try
        {
            fileConfiguration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or IOException)
        {
            throw new UsageException($"The definition file '{source.Path}' could not be read: {exception.Message}", exception);
        }

        var prefix = source.Section is null ? EnvironmentPrefix(name) : string.Empty;
        var sectionPrefix = source.Section is null ? string.Empty : source.Section + ":";
        WarnAboutSecretsInFile(fileConfiguration, sectionPrefix, source.Path, prefix, warnings);

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in environment.Variables)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && key.Length > prefix.Length)
            {
                overrides[key[prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        foreach (var (key, value) in source.Secrets)
        {
            overrides[sectionPrefix + SecretKey(key)] = value;
        }

        if (source.BaseAddress is not null)
        {
            overrides[sectionPrefix + "BaseAddress"] = source.BaseAddress.AbsoluteUri;
        }

        var root = new ConfigurationBuilder()
            .AddConfiguration(fileConfiguration)
            .AddInMemoryCollection(overrides)
            .Build();
        IConfiguration configuration = root;
        if (source.Section is not null)
        {
            var section = root.GetSection(source.Section);
            if (!section.Exists())
            {
                throw new UsageException($"The definition file '{source.Path}' has no section '{source.Section}'. Pass --section with the path of the connector's section, such as Connectors:Wings.");
            }

            configuration = section;
        }

        var recorder = new RequestRecorder(name, preview);
        var services = new ServiceCollection();
        services.AddCustomConnector(name, configuration);

        // Registered after the connector's own settings, so these run last: every client of the
        // connector (the API's and the OAuth token endpoint's) gets the recorder, and in preview a
        // primary handler that answers without sending.
        services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            var isApi = string.Equals(builder.Name, name, StringComparison.Ordinal);
            builder.AdditionalHandlers.Add(new RecordingHandler(recorder, isApi));
            if (preview)
            {
                builder.PrimaryHandler = new PreviewHandler(isApi);
            }
        }));

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var problems = Validate(provider);
        return new LoadedConnector(name, provider, recorder, problems, prefix, sectionPrefix);
    }

    /// <summary>The connector name a file implies: <c>wings.connector.json</c> and <c>wings.json</c> are <c>wings</c>.</summary>
    public static string NameFromPath(string path)
    {
        var fileName = System.IO.Path.GetFileName(path);
        foreach (var suffix in (string[])[".connector.json", ".json"])
        {
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && fileName.Length > suffix.Length)
            {
                return fileName[..^suffix.Length];
            }
        }

        return System.IO.Path.GetFileNameWithoutExtension(fileName);
    }

    /// <summary>The prefix of the connector's environment variables: its name in capitals, other characters as <c>_</c>, then <c>_</c> (<c>WINGS_</c>).</summary>
    public static string EnvironmentPrefix(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return builder.Append('_').ToString();
    }

    /// <summary>The environment variable that fills <paramref name="key"/> (relative to the connector), such as <c>WINGS_Authentication__Password</c>.</summary>
    public static string EnvironmentVariableFor(string prefix, string sectionPrefix, string key)
        => prefix + (sectionPrefix + key).Replace(":", "__", StringComparison.Ordinal);

    private static string SecretKey(string key)
    {
        key = key.Replace("__", ":", StringComparison.Ordinal);
        foreach (var shortKey in AuthenticationShortKeys)
        {
            if (string.Equals(key, shortKey, StringComparison.OrdinalIgnoreCase))
            {
                return "Authentication:" + shortKey;
            }
        }

        return key;
    }

    private static void WarnAboutSecretsInFile(IConfigurationRoot file, string sectionPrefix, string path, string prefix, TextWriter warnings)
    {
        foreach (var key in SecretKeys)
        {
            if (!string.IsNullOrEmpty(file[sectionPrefix + key]))
            {
                warnings.WriteLine($"warning: {path} holds a value for {key}; secrets belong in the environment ({EnvironmentVariableFor(prefix, sectionPrefix, key)}) or --secret, not in the definition file.");
            }
        }
    }

    private static List<string> Validate(ServiceProvider provider)
    {
        var problems = new List<string>();
        try
        {
            // What ValidateOnStart runs when a host starts.
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException exception)
        {
            AddFailures(problems, exception);
        }
        catch (AggregateException exception)
        {
            foreach (var inner in exception.InnerExceptions)
            {
                if (inner is OptionsValidationException validation)
                {
                    AddFailures(problems, validation);
                }
                else
                {
                    problems.Add(inner.Message);
                }
            }
        }

        return problems;
    }

    private static void AddFailures(List<string> problems, OptionsValidationException exception)
    {
        foreach (var failure in exception.Failures)
        {
            foreach (var line in failure.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Several problems come under a header that only counts them ("Connector 'wings' has 3 configuration problems:").
                if (!(line.StartsWith("Connector '", StringComparison.Ordinal) && line.EndsWith(" configuration problems:", StringComparison.Ordinal)))
                {
                    problems.Add(line);
                }
            }
        }
    }
}
