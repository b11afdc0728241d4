using System.Globalization;
using System.Text;
using NetArchTest.Rules;

namespace CustomConnector.Tests;

/// <summary>
/// The folders of src/CustomConnector are the library's layers (DESIGN.md, "Layers" and "Call pipeline"):
/// a call flows one way, so folder dependencies must too. Folders are not namespaces (every public type
/// is in <c>CustomConnector</c>), so each type's folder is found from its source file, and the
/// dependencies between folders from the compiled assembly (NetArchTest reads the IL).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>What each layer may use besides itself: the direction a call flows (DESIGN.md), bottom to top.</summary>
    /// <remarks>
    /// Layers are the folders of src/CustomConnector, plus three groups of the root Internal/ folder:
    /// "Kernel" (the defaults and rules every layer may use), "Call" (the call descriptor and the
    /// observer through which resilience events reach telemetry) and "Client" (the front: ConnectorClient,
    /// its options, settings and call runner). No layer below the client may use it, so nothing calls
    /// back up; Diagnostics and Resilience do not know each other; Responses knows no stage that sends.
    /// The paging contract an endpoint names (IPaginationStrategy and the PageRequest, ConnectorPage and
    /// PaginationOptions it takes and returns) lives in Endpoints/, so that Pagination/ (the strategies and
    /// the page walker) depends on Endpoints and not the other way round.
    /// Authentication (token fetches) and Pagination (page walks) report to Diagnostics, which knows neither.
    /// </remarks>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Kernel"] = [],
        ["Errors"] = ["Kernel"],
        ["Responses"] = ["Kernel", "Errors"],
        ["Call"] = ["Kernel", "Errors", "Responses"],
        ["Resilience"] = ["Kernel", "Errors", "Call"],
        ["Diagnostics"] = ["Kernel", "Errors", "Call"],
        ["Authentication"] = ["Kernel", "Errors", "Responses", "Resilience", "Diagnostics"],
        ["Endpoints"] = ["Kernel", "Errors", "Authentication", "Responses", "Resilience"],
        ["Sending"] = ["Kernel", "Errors", "Authentication", "Endpoints", "Call", "Resilience"],
        ["Pagination"] = ["Kernel", "Errors", "Responses", "Endpoints", "Sending", "Call", "Diagnostics"],
        ["Client"] = ["Kernel", "Errors", "Responses", "Call", "Resilience", "Diagnostics", "Authentication", "Endpoints", "Sending", "Pagination"],
        ["DependencyInjection"] = ["Kernel", "Errors", "Responses", "Call", "Resilience", "Diagnostics", "Authentication", "Endpoints", "Sending", "Pagination", "Client"],
    };

    /// <summary>Files of the root Internal/ folder that are not the client's own.</summary>
    private static readonly Dictionary<string, string> RootInternalLayers = new(StringComparer.Ordinal)
    {
        ["ConnectorDefaults"] = "Kernel",
        ["ConnectorInstruments"] = "Kernel",
        ["ConnectorJsonContext"] = "Kernel",
        ["HttpHeaderRules"] = "Kernel",
        ["ParameterFormatter"] = "Kernel",
        ["PlainHttpRule"] = "Kernel",
        ["PrimaryHandler"] = "Kernel",
        ["ConnectorCall"] = "Call",
        ["IResilienceObserver"] = "Call",
    };

    private static readonly Lazy<Dictionary<string, string>> FolderByType = new(MapTypesToFolders);

    [Fact]
    public void Folders_DependOnlyOnTheLayersBelowThem()
    {
        var broken = new StringBuilder();
        foreach (var (from, to, users) in FolderDependencies())
        {
            if (!Allowed[from].Contains(to))
            {
                broken.AppendLine(CultureInfo.InvariantCulture, $"{from} -> {to}: {string.Join(", ", users)}");
            }
        }

        Assert.True(broken.Length == 0, "Folder dependencies that point up or sideways (see DESIGN.md, Layers):" + Environment.NewLine + broken);
    }

    [Fact]
    public void Allowed_HasNoCycle()
    {
        // The intended layering itself must be a one-way order.
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<string>();
        foreach (var layer in Allowed.Keys)
        {
            Visit(layer, []);
        }

        Assert.True(cycles.Count == 0, "The allowed directions form a cycle: " + string.Join("; ", cycles));

        void Visit(string layer, List<string> path)
        {
            if (done.Contains(layer))
            {
                return;
            }

            if (!visiting.Add(layer))
            {
                cycles.Add(string.Join(" -> ", path.Append(layer)));
                return;
            }

            foreach (var next in Allowed[layer])
            {
                Visit(next, [.. path, layer]);
            }

            visiting.Remove(layer);
            done.Add(layer);
        }
    }

    [Fact]
    public void EveryTypeOfTheLibrary_LivesInAKnownLayer()
    {
        var unknown = FolderByType.Value.Where(pair => !Allowed.ContainsKey(pair.Value)).Select(pair => $"{pair.Key} ({pair.Value})").ToList();

        Assert.True(unknown.Count == 0, "Types in folders the architecture does not know; add the folder to Allowed: " + string.Join(", ", unknown));
    }

    [Fact]
    public void FolderDependencies_SeeWhatTheLayersReallyUse()
    {
        // A reader that saw no dependency would pass every rule: check it sees ones that surely exist.
        var edges = FolderDependencies();

        Assert.Contains(edges, edge => edge is { From: "Client", To: "Sending" });
        Assert.Contains(edges, edge => edge is { From: "Sending", To: "Authentication" });
        Assert.Contains(edges, edge => edge is { From: "Resilience", To: "Errors" });
    }

    private static List<(string From, string To, List<string> Users)> FolderDependencies()
    {
        var typesByFolder = FolderByType.Value.GroupBy(pair => pair.Value).ToDictionary(group => group.Key, group => group.Select(pair => pair.Key).ToArray());
        var edges = new List<(string, string, List<string>)>();
        foreach (var (from, fromTypes) in typesByFolder)
        {
            var members = new HashSet<string>(fromTypes, StringComparer.Ordinal);
            foreach (var (to, toTypes) in typesByFolder)
            {
                if (from == to)
                {
                    continue;
                }

                var result = Types.InAssembly(typeof(ConnectorClient).Assembly)
                    .That().MeetCustomRule(type => members.Contains(OuterName(type.FullName)))
                    .ShouldNot().HaveDependencyOnAny(toTypes)
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    edges.Add((from, to, result.FailingTypes.Select(type => type.Name).Distinct().Order(StringComparer.Ordinal).ToList()));
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// Maps every type of the library (by full name of its outermost type) to its layer, from the
    /// source tree: one type per file, named after the type (STYLE.md), so <c>Errors/Internal/X.cs</c>
    /// holds <c>X</c> in layer Errors.
    /// </summary>
    private static Dictionary<string, string> MapTypesToFolders()
    {
        var source = Path.Combine(FindRepositoryRoot(), "src", "CustomConnector");
        var folderByFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            // ConnectorResult.TResult.cs holds ConnectorResult<T>: the name is the file's first part.
            var name = Path.GetFileName(file).Split('.')[0];
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            var folder = slash < 0 || relative.StartsWith("Internal/", StringComparison.Ordinal) ? "Client" : relative[..slash];
            folderByFile[name] = folder == "Client" && RootInternalLayers.TryGetValue(name, out var layer) ? layer : folder;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in Types.InAssembly(typeof(ConnectorClient).Assembly).GetTypes())
        {
            var outer = OuterName(type.FullName);
            var simple = outer[(outer.LastIndexOf('.') + 1)..];
            var arity = simple.IndexOf('`', StringComparison.Ordinal);
            simple = arity < 0 ? simple : simple[..arity];
            if (folderByFile.TryGetValue(simple, out var folder))
            {
                map[outer] = folder;
            }
            else if (!IsCompilerGenerated(simple))
            {
                map[outer] = $"(no file named {simple}.cs)";
            }
        }

        return map;
    }

    private static bool IsCompilerGenerated(string name) => name.StartsWith('<') || name.StartsWith("__", StringComparison.Ordinal)
        || name is "Microsoft" or "System" or "EmbeddedAttribute" or "RefSafetyRulesAttribute" or "NullableAttribute" or "NullableContextAttribute";

    private static string OuterName(string fullName)
    {
        var nested = fullName.IndexOfAny(['/', '+']);
        return nested < 0 ? fullName : fullName[..nested];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CustomConnector.Library.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CustomConnector.Library.sln above {AppContext.BaseDirectory}: the architecture test reads the source tree.");
    }
}
