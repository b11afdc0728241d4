using CustomConnector.Tests.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace CustomConnector.Tests.Pagination;

/// <summary>The <c>Pagination</c> section of a configured endpoint: bound by hand, validated at startup with full paths, and used by PaginateAsync.</summary>
public sealed class PaginationConfigurationTests
{
    private const string Section = "Connectors:Wings:Endpoints:listWings:Pagination";

    public static TheoryData<string[], string> Failures => new()
    {
        { ["Type=Pages"], $"{Section}:Type is 'Pages', which is not a pagination type. Use one of: None, RelativePath, FullPath, PageNumber, Offset, Cursor, LinkHeader." },
        { ["Type=3"], $"{Section}:Type is '3', which is not a pagination type" },
        { ["Type=PageNumber"], $"{Section}:PageParameter is required when Type is PageNumber." },
        { ["Type=PageNumber", "PageParameter=page", "PageSize=many"], $"{Section}:PageSize is 'many', which is not a whole number." },
        { ["Type=PageNumber", "PageParameter=page", "PageSize=0"], $"{Section}:PageSize is 0; it must be 1 or more." },
        { ["Type=PageNumber", "PageParameter=page", "PageSizeParameter=size"], $"{Section}:PageSize is required when PageSizeParameter is set" },
        { ["Type=PageNumber", "PageParameter=page", "FirstPage=-1"], $"{Section}:FirstPage is -1; it must be 0 or more." },
        { ["Type=PageNumber", "PageParameter=page", "TotalPagesPath=meta..pages"], $"{Section}:TotalPagesPath is 'meta..pages', which is not a dotted path" },
        { ["Type=Offset", "OffsetParameter=offset", "LimitParameter=limit"], $"{Section}:Limit is required when Type is Offset." },
        { ["Type=Offset", "LimitParameter=limit", "Limit=10"], $"{Section}:OffsetParameter is required when Type is Offset." },
        { ["Type=Cursor", "CursorParameter=after"], $"{Section}:CursorPath is required when Type is Cursor." },
        { ["Type=Cursor", "CursorPath=next", "CursorParameter= "], $"{Section}:CursorParameter is empty" },
        { ["Type=RelativePath"], $"{Section}:NextPath is required when Type is RelativePath." },
        { ["Type=RelativePath", "NextPath=next", "BaseUri=v1/"], $"{Section}:BaseUri is 'v1/', which is not an absolute URI" },
        { ["Type=FullPath", "NextPath=next", "BaseUri=https://api.test/"], $"{Section}:BaseUri does not apply when Type is FullPath; remove it, or change Type." },
        { ["Type=LinkHeader", "CursorPath=next"], $"{Section}:CursorPath does not apply when Type is LinkHeader" },
        { ["Type=Offset", "OffsetParameter=o", "LimitParameter=l", "Limit=5", "PageSize=5"], $"{Section}:PageSize does not apply when Type is Offset" },
        { ["Type=LinkHeader", "MaxPages=0"], $"{Section}:MaxPages is 0; it must be 1 or more." },
        { ["Type=LinkHeader", "MaxItems=-5"], $"{Section}:MaxItems is -5; it must be 1 or more" },
        { ["Type=LinkHeader", "AllowCrossOriginLinks=sometimes"], $"{Section}:AllowCrossOriginLinks is 'sometimes', which is not true or false." },
        { ["NextPath=next"], $"{Section}:NextPath does not apply when Type is None" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ValidateOnStart_BadPaginationSection_NamesTheFullPath(string[] fields, string expected)
    {
        var failures = ValidateFailures(fields);

        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_SeveralProblems_ReportsThemAllAtOnce()
    {
        var failures = ValidateFailures(["Type=Offset", "PageSize=0", "MaxPages=0"]);

        Assert.Contains(failures, f => f.StartsWith($"{Section}:OffsetParameter is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"{Section}:LimitParameter is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"{Section}:Limit is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"{Section}:PageSize does not apply", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith($"{Section}:MaxPages is 0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Type=None")]
    [InlineData("Type=LinkHeader", "PageSizeParameter=per_page", "PageSize=100", "MaxItems=500", "AllowCrossOriginLinks=true")]
    [InlineData("Type=RelativePath", "NextPath=links.next", "BaseUri=https://api.test/v2/")]
    [InlineData("Type=FullPath", "NextPath=meta.next")]
    [InlineData("Type=PageNumber", "PageParameter=page", "FirstPage=0", "PageSizeParameter=size", "PageSize=10", "TotalPagesPath=meta.pages")]
    [InlineData("Type=offset", "OffsetParameter=skip", "LimitParameter=take", "Limit=10", "TotalPath=meta.total")]
    [InlineData("Type=Cursor", "CursorPath=paging.cursors.after", "CursorParameter=after")]
    public void ValidateOnStart_EveryTypeWellConfigured_Passes(params string[] fields)
    {
        Assert.Empty(ValidateFailures(fields));
    }

    [Fact]
    public async Task PaginateAsync_ConfiguredEndpoint_PagesWithItsStrategy()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://api.test/v1/wings?sort=name&offset=0&take=2").Respond("application/json", """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "meta": {"total": 3}}""");
        handler.Expect("https://api.test/v1/wings?sort=name&offset=2&take=2").Respond("application/json", """{"data": [{"id": 3, "name": "c"}], "meta": {"total": 3}}""");
        var client = CreateClient(
            handler,
            "Type=Offset",
            "OffsetParameter=offset",
            "LimitParameter=take",
            "Limit=2",
            "TotalPath=meta.total",
            "MaxItems=1000");

        var ids = new List<int>();
        await foreach (var wing in client.PaginateAsync(client.GetEndpoint("listWings").Build(), TestJsonContext.Default.Wing))
        {
            ids.Add(wing.Id);
        }

        Assert.Equal([1, 2, 3], ids);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task PaginateAsync_ConfiguredMaxItems_Applies()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://api.test/v1/wings?sort=name&page=1").Respond("application/json", """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}""");
        var client = CreateClient(handler, "Type=PageNumber", "PageParameter=page", "MaxItems=1");

        var ids = new List<int>();
        await foreach (var wing in client.PaginateAsync(client.GetEndpoint("listWings").Build(), TestJsonContext.Default.Wing))
        {
            ids.Add(wing.Id);
        }

        Assert.Equal([1], ids);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public void ConnectorClientOptions_InvalidPaginationInCode_FailsAtConstructionNamingThePath()
    {
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        options.Endpoints["listWings"] = new ConnectorEndpointOptions { Path = "wings", Pagination = new ConnectorPaginationOptions { Type = ConnectorPaginationType.Cursor } };

        var exception = Assert.Throws<ArgumentException>(() => new ConnectorClient(options));

        Assert.Contains("Endpoints:listWings:Pagination:CursorPath is required when Type is Cursor.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaginateAsync_LimitsSetInCode_ApplyAsFromConfiguration()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect("https://api.test/wings?page=1").Respond("application/json", """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]}""");
        var options = new ConnectorClientOptions { BaseAddress = new Uri("https://api.test/") };
        options.Endpoints["listWings"] = new ConnectorEndpointOptions
        {
            Path = "wings",
            Pagination = new ConnectorPaginationOptions { Type = ConnectorPaginationType.PageNumber, PageParameter = "page", Limits = new PaginationOptions { MaxItems = 1 } },
        };
        using var client = new ConnectorClient(handler.ToHttpClient(), options);

        var ids = new List<int>();
        await foreach (var wing in client.PaginateAsync(client.GetEndpoint("listWings").Build(), TestJsonContext.Default.Wing))
        {
            ids.Add(wing.Id);
        }

        Assert.Equal([1], ids);
        handler.VerifyNoOutstandingExpectation();
    }

    private static IConnectorClient CreateClient(MockHttpMessageHandler handler, params string[] fields)
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", Configuration(fields).GetSection("Connectors:Wings"))
            .UseHandler(handler);
        return services.BuildServiceProvider().GetRequiredKeyedService<IConnectorClient>("wings");
    }

    private static IConfigurationRoot Configuration(string[] fields)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connectors:Wings:BaseAddress"] = "https://api.test/v1/",
            ["Connectors:Wings:Resilience:MaxRetries"] = "0",
            ["Connectors:Wings:Endpoints:listWings:Path"] = "wings",
            ["Connectors:Wings:Endpoints:listWings:Query:sort"] = "name",
        };
        foreach (var field in fields)
        {
            var separator = field.IndexOf('=', StringComparison.Ordinal);
            values[$"{Section}:{field[..separator]}"] = field[(separator + 1)..];
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static List<string> ValidateFailures(string[] fields)
    {
        var services = new ServiceCollection();
        services.AddCustomConnector("wings", Configuration(fields).GetSection("Connectors:Wings"));
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return CustomConnector.Tests.DependencyInjection.ConnectorTestHost.Problems(exception.Message);
        }
    }
}
