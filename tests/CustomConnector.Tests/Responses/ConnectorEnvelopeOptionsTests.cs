using System.Net;

namespace CustomConnector.Tests.Responses;

public sealed class ConnectorEnvelopeOptionsTests
{
    [Fact]
    public void Defaults_AreDataAndError()
    {
        var envelope = new ConnectorClientOptions().Envelope;

        Assert.Equal("data", envelope.DataProperty);
        Assert.Equal("error", envelope.ErrorProperty);
    }

    [Fact]
    public void DataProperty_Null_ThrowsArgumentNullException()
    {
        var envelope = new ConnectorEnvelopeOptions();

        Assert.Throws<ArgumentNullException>(() => envelope.DataProperty = null!);
        Assert.Throws<ArgumentNullException>(() => envelope.ErrorProperty = null!);
    }

    [Fact]
    public async Task DataProperty_Empty_ReadsBareJsonArray()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.DataProperty = string.Empty;
        using var connector = TestConnector.RespondingJson("""[{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]""", options);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing);

        Assert.True(result.IsData);
        Assert.Equal([new Wing(1, "A"), new Wing(2, "B")], result.Data);
    }

    [Fact]
    public async Task DataProperty_EmptyAndBodyNull_ReturnsEmpty()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.DataProperty = string.Empty;
        using var connector = TestConnector.RespondingJson("null", options);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public async Task DataProperty_EmptyAndErrorStatus_StillReadsErrorEnvelope()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.DataProperty = string.Empty;
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "E42", "description": "Nope."}}""", options, HttpStatusCode.BadRequest);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.ListWing);

        Assert.True(result.IsError);
        Assert.Equal("E42", result.Error.Code);
    }

    [Fact]
    public async Task CustomPropertyNames_AreRead()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.DataProperty = "result";
        options.Envelope.ErrorProperty = "problem";
        using var connector = new TestConnector(
            request => request.RequestUri!.AbsolutePath.EndsWith("/ok", StringComparison.Ordinal)
                ? TestConnector.Json(HttpStatusCode.OK, """{"data": {"id": 9, "name": "ignored"}, "result": {"id": 1, "name": "A"}}""")
                : TestConnector.Json(HttpStatusCode.OK, """{"problem": {"code": "P1", "description": "Bad thing."}}"""),
            options);

        var ok = await connector.Client.SendAsync(ConnectorEndpoint.Get("ok").Build(), TestJsonContext.Default.Wing);
        var failed = await connector.Client.SendAsync(ConnectorEndpoint.Get("failed").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(new Wing(1, "A"), ok.Data);
        Assert.True(failed.IsError);
        Assert.Equal("P1", failed.Error.Code);
    }

    [Fact]
    public async Task ErrorProperty_Empty_SuccessBodyIsNeverAnError()
    {
        var options = new ConnectorClientOptions();
        options.Envelope.ErrorProperty = string.Empty;
        using var connector = TestConnector.RespondingJson("""{"error": {"code": "1", "description": "x"}, "data": {"id": 1, "name": "A"}}""", options);

        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.True(result.IsData);
        Assert.Equal(new Wing(1, "A"), result.Data);
    }

    [Fact]
    public async Task WithEnvelope_OnEndpoint_OverridesClientEnvelope()
    {
        using var connector = new TestConnector(request => TestConnector.Json(
            HttpStatusCode.OK,
            request.RequestUri!.AbsolutePath.EndsWith("/bare", StringComparison.Ordinal) ? """[{"id": 1, "name": "A"}]""" : """{"data": [{"id": 2, "name": "B"}]}"""));

        var bare = await connector.Client.SendAsync(ConnectorEndpoint.Get("bare").WithEnvelope(string.Empty).Build(), TestJsonContext.Default.ListWing);
        var wrapped = await connector.Client.SendAsync(ConnectorEndpoint.Get("wrapped").Build(), TestJsonContext.Default.ListWing);

        Assert.Equal([new Wing(1, "A")], bare.Data);
        Assert.Equal([new Wing(2, "B")], wrapped.Data);
    }

    [Fact]
    public async Task ClientEnvelope_ChangedAfterClientCreated_HasNoEffect()
    {
        var options = new ConnectorClientOptions();
        using var connector = TestConnector.RespondingJson("""{"data": {"id": 1, "name": "A"}}""", options);

        options.Envelope.DataProperty = "result";
        var result = await connector.Client.SendAsync(ConnectorEndpoint.Get("wings").Build(), TestJsonContext.Default.Wing);

        Assert.Equal(new Wing(1, "A"), result.Data);
    }

    [Fact]
    public void ToString_ShowsBothNames()
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = "items" };

        Assert.Equal("DataProperty = \"items\", ErrorProperty = \"error\"", envelope.ToString());
    }
}
