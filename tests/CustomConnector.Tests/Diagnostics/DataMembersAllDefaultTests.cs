using System.Net;
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

    private static TestConnector Connect(FakeLogCollector logs, LogLevel level, string body)
    {
        var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddProvider(new FakeLoggerProvider(logs)));
        return new TestConnector(_ => TestConnector.Json(HttpStatusCode.OK, body), new ConnectorClientOptions { LoggerFactory = factory });
    }
}
