using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CustomConnector.Tests.Diagnostics;

/// <summary>
/// A data object read with every member at its default (JSON names that did not match) is a Debug event that
/// points at JsonSerializerDefaults.Web: for SendAsync's data, and for the first item of a walk or a stream.
/// </summary>
public sealed class DataMembersAllDefaultTests
{
    private const string Body = """{"data": {"id": 7, "name": "Kestrel"}}""";
    private const string Items = """{"data": [{"id": 7, "name": "Kestrel"}, {"id": 8, "name": "Merlin"}]}""";
    private static readonly IConnectorEndpoint GetWing = ConnectorEndpoint.Get("wings/7").WithName("getWing").Build();
    private static readonly IConnectorEndpoint ListWings = ConnectorEndpoint.Get("wings").WithName("listWings").Build();

    [Fact]
    public async Task SendAsync_NamesThatDidNotMatch_LogsDataMembersAllDefaultAtDebug()
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, LogLevel.Debug, Body);

        var result = await connector.Client.SendAsync(GetWing, CaseSensitiveJsonContext.Default.Wing);

        Assert.Equal(new Wing(0, null!), result.Data);
        var record = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 11);
        Assert.Equal(("DataMembersAllDefault", LogLevel.Debug), (record.Id.Name, record.Level));
        Assert.Equal("Wing", record.GetStructuredStateValue("DataType"));
        Assert.Equal("getWing", record.GetStructuredStateValue("Endpoint"));
        Assert.Contains("their names did not match", record.Message, StringComparison.Ordinal);
        Assert.Contains("[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NamesThatMatch_LogsNothingAboutMembers()
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, LogLevel.Debug, Body);

        var result = await connector.Client.SendAsync(GetWing, TestJsonContext.Default.Wing);

        Assert.Equal(7, result.Data!.Id);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 11);
    }

    [Fact]
    public async Task SendAsync_OneMemberSet_LogsNothingAboutMembers()
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, LogLevel.Debug, """{"data": {"Id": 0, "Name": "Kestrel"}}""");

        await connector.Client.SendAsync(GetWing, CaseSensitiveJsonContext.Default.Wing);

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 11);
    }

    [Fact]
    public async Task SendAsync_DebugDisabled_LogsNothingAboutMembers()
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, LogLevel.Information, Body);

        await connector.Client.SendAsync(GetWing, CaseSensitiveJsonContext.Default.Wing);

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 11);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PaginateOrStream_NamesThatDidNotMatch_LogsOnceForTheFirstItem(bool stream)
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, LogLevel.Debug, Items);
        var typeInfo = CaseSensitiveJsonContext.Default.Wing;

        var items = await AsyncItems.CollectAsync(stream ? connector.Client.StreamDataAsync(ListWings, typeInfo) : connector.Client.PaginateAsync(ListWings, typeInfo));

        Assert.Equal(2, items.Count);
        var record = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 11);
        Assert.Equal("Wing", record.GetStructuredStateValue("DataType"));
        Assert.Equal("listWings", record.GetStructuredStateValue("Endpoint"));
    }

    [Theory]
    [InlineData(LogLevel.Debug, true)]
    [InlineData(LogLevel.Information, false)]
    public async Task PaginateAndStream_NamesThatMatchOrDebugOff_LogNothingAboutMembers(LogLevel level, bool namesMatch)
    {
        var logs = new FakeLogCollector();
        using var connector = Connect(logs, level, Items);
        var typeInfo = namesMatch ? TestJsonContext.Default.Wing : CaseSensitiveJsonContext.Default.Wing;

        Assert.Equal(2, (await AsyncItems.CollectAsync(connector.Client.PaginateAsync(ListWings, typeInfo))).Count);
        Assert.Equal(2, (await AsyncItems.CollectAsync(connector.Client.StreamDataAsync(ListWings, typeInfo))).Count);

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 11);
    }

    /// <summary>
    /// The check reads every member of the item and of a fresh one: a getter or constructor that throws on
    /// default members (likely exactly when names did not match) must not fail a call that works with Debug off.
    /// </summary>
    [Theory]
    [InlineData(LogLevel.Information, "send")]
    [InlineData(LogLevel.Debug, "send")]
    [InlineData(LogLevel.Information, "paginate")]
    [InlineData(LogLevel.Debug, "paginate")]
    [InlineData(LogLevel.Information, "stream")]
    [InlineData(LogLevel.Debug, "stream")]
    public async Task AnyRead_GetterThrowsOnDefaultMembers_ReadsTheSameWhateverTheLogLevel(LogLevel level, string read)
    {
        var logs = new FakeLogCollector();
        var body = read == "send" ? """{"data": {"name": "Kestrel"}}""" : """{"data": [{"name": "Kestrel"}, {"name": "Merlin"}]}""";
        using var connector = Connect(logs, level, body);
        var typeInfo = (JsonTypeInfo<Bird>)new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }.GetTypeInfo(typeof(Bird));

        var count = read switch
        {
            "send" => (await connector.Client.SendAsync(GetWing, typeInfo)).IsData ? 1 : 0,
            "paginate" => (await AsyncItems.CollectAsync(connector.Client.PaginateAsync(ListWings, typeInfo))).Count,
            _ => (await AsyncItems.CollectAsync(connector.Client.StreamDataAsync(ListWings, typeInfo))).Count,
        };

        Assert.Equal(read == "send" ? 1 : 2, count);
    }

    private static TestConnector Connect(FakeLogCollector logs, LogLevel level, string body)
    {
        var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(new FakeLoggerProvider(logs)));
        return new TestConnector(_ => TestConnector.Json(HttpStatusCode.OK, body), new ConnectorClientOptions { LoggerFactory = factory });
    }

    /// <summary>Names its members in PascalCase (case-sensitive reads leave Name null) and has a getter that throws then.</summary>
    public sealed class Bird
    {
        public string Name { get; set; } = null!;

        public int NameLength => Name.Length;
    }
}
