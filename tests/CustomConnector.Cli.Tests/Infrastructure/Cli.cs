using System.Text;

namespace CustomConnector.Cli.Tests;

/// <summary>Runs the tool's entry point in-process, with its own console, environment and working directory.</summary>
public sealed class Cli : IDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public Cli()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("customconnector-cli-tests-").FullName;
    }

    public string Directory { get; }

    public bool ErrorIsTerminal { get; set; }

    public Cli WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    /// <summary>Writes a file into the run's directory and returns its name.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(Directory, name), content);
        return name;
    }

    public string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public async Task<CliRun> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var error = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = new StringReader(stdin),
            Variables = new Dictionary<string, string>(_variables),
            CurrentDirectory = Directory,
            ErrorIsTerminal = ErrorIsTerminal,
        };
        var exitCode = await CliApplication.RunAsync(args, environment).WaitAsync(TimeSpan.FromSeconds(60));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
