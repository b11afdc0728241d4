using System.Text.RegularExpressions;

namespace CustomConnector.Tests.Docs;

/// <summary>
/// The README and docs/ pages promise code that compiles and links that lead somewhere: the quick start
/// is the quickstart sample's own code (which CI builds and runs), and every relative link names a file
/// of the repository.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Readme_QuickStart_IsTheQuickstartSamplesCode()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(Root, "samples", "CustomConnector.Samples.Quickstart", "Program.cs")).ReplaceLineEndings("\n");

        var region = Regex.Match(program, @"#region README example[^\n]*\n(?<code>.*?)#endregion", RegexOptions.Singleline);
        Assert.True(region.Success, "Program.cs has no '#region README example' block.");
        var quickStart = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..];
        var block = Regex.Match(quickStart, "```csharp\n(?<code>.*?)```", RegexOptions.Singleline);

        Assert.Equal(region.Groups["code"].Value.Trim(), block.Groups["code"].Value.Trim());
    }

    [Fact]
    public void TestingPage_Example_IsTheTestingSamplesCode()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "testing.md")).ReplaceLineEndings("\n");
        var tests = File.ReadAllText(Path.Combine(Root, "samples", "CustomConnector.Samples.Testing", "WingsClientTests.cs")).ReplaceLineEndings("\n");

        var region = Regex.Match(tests, @"#region docs/testing.md[^\n]*\n(?<code>.*?)#endregion", RegexOptions.Singleline);
        Assert.True(region.Success, "WingsClientTests.cs has no '#region docs/testing.md' block.");
        var block = Regex.Match(page, "```csharp\n(?<code>.*?)```", RegexOptions.Singleline);

        Assert.Equal(Unindent(region.Groups["code"].Value), Unindent(block.Groups["code"].Value));
    }

    [Fact]
    public void Readme_QuickStartTypes_AreTheSamplesTypes()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var sample = Path.Combine(Root, "samples", "CustomConnector.Samples.Quickstart");
        var code = string.Concat(Directory.GetFiles(sample, "*.cs").Select(File.ReadAllText)).ReplaceLineEndings("\n");

        foreach (Match declaration in TypeDeclaration().Matches(readme))
        {
            Assert.Contains(declaration.Value, code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_RelativeLinks_NameFilesThatExist(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page));
        var directory = Path.GetDirectoryName(Path.Combine(Root, page))!;
        var missing = new List<string>();
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith('#'))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(directory, target.Split('#')[0]));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                missing.Add(target);
            }
        }

        Assert.True(missing.Count == 0, $"{page} links to files that do not exist: {string.Join(", ", missing)}");
    }

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md", Path.Combine("samples", "README.md") };
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
        {
            pages.Add(Path.GetRelativePath(Root, page));
        }

        return pages;
    }

    private static string Unindent(string code)
    {
        var lines = code.Trim('\n').Split('\n');
        var indent = lines.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', lines.Select(line => line.Length >= indent ? line[indent..] : line.TrimStart())).TrimEnd();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CustomConnector.Library.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CustomConnector.Library.sln) is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"public sealed (record|partial class) [^\n]*")]
    private static partial Regex TypeDeclaration();
}
