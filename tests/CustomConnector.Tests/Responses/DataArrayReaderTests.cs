using System.Text;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

public sealed class DataArrayReaderTests
{
    private static readonly ConnectorEnvelopeOptions DefaultEnvelope = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task MoveNextAsync_BodyArrivingInAnyChunkSize_ReadsEveryElementAndSkipsTheOtherValues(int chunk)
    {
        const string Json = """
            { "meta": {"next": "wings?page=2", "total": 3}, "data": [ {"id": 1, "name": "a\"b"}, {"id": 2, "name": "ü"} ,{"id":3,"name":"c"} ], "links": [ {"href": "x"} ] }
            """;
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, chunk), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        var items = await ReadAllAsync(reader);

        Assert.Equal([new Wing(1, "a\"b"), new Wing(2, "ü"), new Wing(3, "c")], items);
        Assert.True(reader.HasData);
        Assert.Equal(3, reader.ItemCount);
        Assert.Null(reader.Error);
    }

    [Fact]
    public async Task MoveNextAsync_ManyElements_YieldsEachBeforeReadingTheWholeBody()
    {
        var json = new StringBuilder("{\"data\":[");
        for (var i = 0; i < 5000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"wing ").Append(i).Append("\"}");
        }

        json.Append("]}");
        var stream = TrickleStream.FromText(json.ToString(), 512);
        using var reader = new DataArrayReader<Wing>(stream, TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));

        Assert.Equal(0, reader.Current.Id);
        Assert.InRange(stream.Position, 1, 512 * 2);
        var ids = new List<int> { reader.Current.Id };
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            ids.Add(reader.Current.Id);
        }

        Assert.Equal(Enumerable.Range(0, 5000), ids);
    }

    [Fact]
    public async Task MoveNextAsync_WholeBodyIsTheArray_ReadsItWhenDataPropertyIsEmpty()
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = string.Empty };
        using var reader = new DataArrayReader<int>(TrickleStream.FromText("[1, 2, 3]  ", 2), TestJsonContext.Default.Int32, envelope, long.MaxValue);

        Assert.Equal([1, 2, 3], await ReadAllAsync(reader));
        Assert.True(reader.HasData);
    }

    [Theory]
    [InlineData("""{"data": null, "meta": {}}""")]
    [InlineData("""{"data": []}""")]
    public async Task MoveNextAsync_NullOrEmptyData_YieldsNothing(string json)
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 3), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.True(reader.HasData);
        Assert.Equal(json.Contains("null", StringComparison.Ordinal), reader.DataIsNull);
    }

    [Fact]
    public async Task MoveNextAsync_ErrorEnvelopeIn2xxBody_StopsWithTheError()
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText("""{"error": {"code": 409, "description": "Busy."}, "data": [{"id": 1, "name": "a"}]}""", 4), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.Equal("409", reader.Error!.Code);
        Assert.Equal("Busy.", reader.Error.Description);
    }

    [Fact]
    public async Task MoveNextAsync_NoDataProperty_EndsWithoutData()
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText("""{"items": [1, 2]}""", 5), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.False(reader.HasData);
    }

    [Theory]
    [InlineData("""[{"id": 1}]""", "not an object with the 'data' property")]
    [InlineData("""{"data": {"id": 1, "name": "a"}}""", "holds an object, not the array")]
    [InlineData("""{"data": 5}""", "holds a number, not the array")]
    public async Task MoveNextAsync_WrongShape_ThrowsEnvelopeShapeException(string json, string expected)
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 2), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        var exception = await Assert.ThrowsAsync<EnvelopeShapeException>(() => ReadAllAsync(reader));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data": [{"id": 1, "name": "a"}, {"id": 2""")]
    [InlineData("""{"data": [{"id": 1, "name": "a"}]""")]
    [InlineData("""{"data": [{"id": 1, "name": "a"}]} x""")]
    [InlineData("""{"data": [{"id": "one", "name": "a"}]}""")]
    [InlineData("""{"data": [{"id": 1, "name": "a"},]}""")]
    public async Task MoveNextAsync_TruncatedOrInvalidJson_ThrowsJsonException(string json)
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 3), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_EmptyBody_ThrowsJsonExceptionHavingReadNothing()
    {
        var stream = TrickleStream.FromText(string.Empty);
        using var reader = new DataArrayReader<Wing>(stream, TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(reader));
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public async Task MoveNextAsync_ElementExactlyAtTheLimit_IsRead_OneByteMore_Throws(int chunk)
    {
        // {"id":1,"name":"xxxx"} is 22 bytes with four x's.
        const string Fits = """{"id":1,"name":"xxxx"}""";
        const string TooLarge = """{"id":2,"name":"xxxxx"}""";
        var json = $$"""{"data": [{{Fits}}, {{TooLarge}}]}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, chunk), TestJsonContext.Default.Wing, DefaultEnvelope, Fits.Length);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        Assert.Equal(1, reader.Current.Id);
        var exception = await Assert.ThrowsAsync<ValueTooLargeException>(async () => await reader.MoveNextAsync(CancellationToken.None));
        Assert.True(exception.IsElement);
        Assert.Equal(Fits.Length, exception.Limit);
    }

    [Fact]
    public async Task MoveNextAsync_OtherValueOverTheLimit_ThrowsNamingItAsNotAnElement()
    {
        var json = $$$"""{"data": [{"id": 1, "name": "a"}], "meta": {"note": "{{{new string('n', 200)}}}"}}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 16), TestJsonContext.Default.Wing, DefaultEnvelope, 100);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        var exception = await Assert.ThrowsAsync<ValueTooLargeException>(async () => await reader.MoveNextAsync(CancellationToken.None));

        Assert.False(exception.IsElement);
    }

    [Fact]
    public async Task MoveNextAsync_LimitPerElement_AllowsABodyFarLargerThanTheLimit()
    {
        var json = new StringBuilder("{\"data\":[");
        for (var i = 0; i < 2000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"n\"}");
        }

        json.Append("]}");
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json.ToString(), 100), TestJsonContext.Default.Wing, DefaultEnvelope, 64);

        Assert.Equal(2000, (await ReadAllAsync(reader)).Count);
    }

    [Fact]
    public async Task MoveNextAsync_ElementLargerThanTheInitialBuffer_GrowsTheBuffer()
    {
        var name = new string('w', 100_000);
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText($$"""{"data": [{"id": 1, "name": "{{name}}"}, {"id": 2, "name": "b"}]}""", 4096), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        var items = await ReadAllAsync(reader);

        Assert.Equal(name, items[0].Name);
        Assert.Equal(2, items[1].Id);
    }

    [Fact]
    public async Task MoveNextAsync_ReadTimeoutSourceSet_PassesItsTokenToTheStream()
    {
        using var source = new CancellationTokenSource();
        await source.CancelAsync();
        using var reader = new DataArrayReader<Wing>(new HangingStream("{\"data\":["u8.ToArray()), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue)
        {
            ReadTimeoutSource = source,
            ReadTimeout = TimeSpan.FromMinutes(1),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MoveNextAsync_LargeElementInSmallReads_ScansItsBytesAboutOnce()
    {
        var tags = string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"\"t{i}\""));
        var element = $$"""{"id": 7, "name": "big", "tags": [{{tags}}]}""";
        var json = $$"""{"data": [{{element}}, {"id": 8, "name": "small"}]}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 512), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        var items = await ReadAllAsync(reader);

        Assert.Equal([7, 8], items.Select(w => w.Id));
        // Rescanning from the element's start after each 512-byte read would cost about
        // (size / 512)^2 / 2 * 512 bytes, some 100 times the element; a resumed scan reads it once.
        Assert.InRange(reader.BytesScanned, element.Length, 2L * element.Length);
    }

    [Theory]
    [InlineData("string element")]
    [InlineData("property name")]
    [InlineData("whitespace")]
    public async Task MoveNextAsync_UnfinishedTokenPastTheLimit_FailsBeforeReadingMuchMore(string shape)
    {
        var huge = new string(shape == "whitespace" ? ' ' : 'a', 1_000_000);
        var json = shape switch
        {
            "string element" => $$"""{"data": ["{{huge}}"]}""",
            "property name" => $$"""{"{{huge}}": 1, "data": []}""",
            _ => $$"""{"data": [1,{{huge}}2]}""",
        };
        var stream = TrickleStream.FromText(json, 4096);
        using var reader = new DataArrayReader<int>(stream, TestJsonContext.Default.Int32, DefaultEnvelope, 1024);

        await Assert.ThrowsAsync<ValueTooLargeException>(async () =>
        {
            while (await reader.MoveNextAsync(CancellationToken.None))
            {
            }
        });

        Assert.InRange(stream.Position, 0, 64 * 1024);
    }

    private static async Task<List<T>> ReadAllAsync<T>(DataArrayReader<T> reader)
    {
        var items = new List<T>();
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            items.Add(reader.Current);
        }

        return items;
    }
}
