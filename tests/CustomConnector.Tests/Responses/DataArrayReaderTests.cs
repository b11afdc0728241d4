using System.Diagnostics;
using System.Reflection;
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

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task MoveNextAsync_ErrorAfterTheData_YieldsTheElementsThenStopsWithTheError(int chunk)
    {
        const string Json = """{"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "error": {"code": "409", "description": "Busy."}, "meta": {}}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, chunk), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], await ReadAllAsync(reader));
        Assert.True(reader.HasData);
        Assert.Equal("409", reader.Error!.Code);
    }

    [Fact]
    public async Task MoveNextAsync_ErrorBeforeTheData_StopsWithoutReadingTheRestOfTheBody()
    {
        // Reading stops at the error: what follows it is neither read as data nor checked as JSON.
        const string Json = """{"error": {"code": "409", "description": "Busy."}, "data": [{"id": 1, "name": "a"}] this is not JSON""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, 4096), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.False(reader.HasData);
        Assert.Equal("409", reader.Error!.Code);
        Assert.False(await reader.MoveNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MoveNextAsync_ErrorPropertyNull_IsIgnoredAndTheDataRead()
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText("""{"error": null, "data": [{"id": 1, "name": "a"}]}""", 2), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a")], await ReadAllAsync(reader));
        Assert.Null(reader.Error);
    }

    [Fact]
    public async Task MoveNextAsync_ErrorPropertyTurnedOff_SkipsTheErrorObjectAsAnOtherValue()
    {
        var envelope = new ConnectorEnvelopeOptions { ErrorProperty = string.Empty };
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText("""{"error": {"code": "409", "description": "Busy."}, "data": [{"id": 1, "name": "a"}]}""", 2), TestJsonContext.Default.Wing, envelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a")], await ReadAllAsync(reader));
        Assert.Null(reader.Error);
    }

    [Fact]
    public async Task MoveNextAsync_CustomEnvelopeNames_FindsTheDataAndErrorThere()
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = "items", ErrorProperty = "fault" };
        const string Json = """{"data": [{"id": 9, "name": "z"}], "items": [{"id": 1, "name": "a"}], "fault": {"code": "E1", "description": "Late."}}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, 5), TestJsonContext.Default.Wing, envelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a")], await ReadAllAsync(reader));
        Assert.Equal("E1", reader.Error!.Code);
    }

    [Fact]
    public async Task MoveNextAsync_EscapedPropertyName_MatchesTheDataPropertyByItsValue()
    {
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText("""{"d\u0061ta": [{"id": 1, "name": "a"}]}""", 3), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a")], await ReadAllAsync(reader));
        Assert.True(reader.HasData);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public async Task MoveNextAsync_BracketsQuotesAndNestedArraysInsideElements_FramesEachElementWhole(int chunk)
    {
        const string Json = """
            {"data": [
              {"id": 1, "name": "]}\"[{", "tags": [[1, [2, "]"]], {"a": "}\\"}]},
              {"id": 2, "name": "\\", "deep": {"x": [{"y": [[]]}]}},
              {"name": "{\"id\": 9}", "id": 3}
            ]}
            """;
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, chunk), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Equal([new Wing(1, "]}\"[{"), new Wing(2, "\\"), new Wing(3, "{\"id\": 9}")], await ReadAllAsync(reader));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    [InlineData("\r\n[\t]\n")]
    public async Task MoveNextAsync_EmptyRootArray_HasDataAndYieldsNothing(string json)
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = string.Empty };
        using var reader = new DataArrayReader<int>(TrickleStream.FromText(json, 1), TestJsonContext.Default.Int32, envelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.True(reader.HasData);
        Assert.False(reader.DataIsNull);
    }

    [Fact]
    public async Task MoveNextAsync_RootNullWhenDataPropertyIsEmpty_HasDataThatIsNull()
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = string.Empty };
        using var reader = new DataArrayReader<int>(TrickleStream.FromText(" null ", 1), TestJsonContext.Default.Int32, envelope, long.MaxValue);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.True(reader.HasData);
        Assert.True(reader.DataIsNull);
    }

    [Theory]
    [InlineData("""{"data": [1]}""", "is an object, not an array")]
    [InlineData("\"text\"", "is a string, not an array")]
    [InlineData("true", "is a boolean, not an array")]
    public async Task MoveNextAsync_RootNotAnArrayWhenDataPropertyIsEmpty_ThrowsEnvelopeShapeException(string json, string expected)
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = string.Empty };
        using var reader = new DataArrayReader<int>(TrickleStream.FromText(json, 2), TestJsonContext.Default.Int32, envelope, long.MaxValue);

        var exception = await Assert.ThrowsAsync<EnvelopeShapeException>(() => ReadAllAsync(reader));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2] x")]
    [InlineData("[1, 2] [3]")]
    [InlineData("[1, 2")]
    public async Task MoveNextAsync_RootArrayTruncatedOrFollowedByMore_ThrowsJsonException(string json)
    {
        var envelope = new ConnectorEnvelopeOptions { DataProperty = string.Empty };
        using var reader = new DataArrayReader<int>(TrickleStream.FromText(json, 1), TestJsonContext.Default.Int32, envelope, long.MaxValue);

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(reader));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public async Task MoveNextAsync_BodyStartsWithAByteOrderMark_SkipsIt(int readSize)
    {
        // As the whole-body readers (JsonSerializer.DeserializeAsync) do; read sizes 1 and 2 split the mark itself.
        var bytes = "\uFEFF{\"data\": [1, 2]}"u8.ToArray();
        using var reader = new DataArrayReader<int>(new TrickleStream(bytes, readSize), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        Assert.Equal([1, 2], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_ByteOrderMarkSplitUnderATinyLimit_IsNotAValueOverTheLimit()
    {
        // Two bytes of the mark wait for the third: they are not a value, so a 1-byte value limit does not apply to them.
        var bytes = "\uFEFF[]"u8.ToArray();
        using var reader = new DataArrayReader<int>(new TrickleStream(bytes, 1), TestJsonContext.Default.Int32, new ConnectorEnvelopeOptions { DataProperty = string.Empty }, valueLimit: 1);

        Assert.Empty(await ReadAllAsync(reader));
        Assert.True(reader.HasData);
    }

    [Fact]
    public async Task MoveNextAsync_ElementThatDoesNotFitTheType_LeavesTheReaderInStepForTheNext()
    {
        var bytes = "{\"data\": [1, \"two\", 3]}"u8.ToArray();
        using var reader = new DataArrayReader<int>(new TrickleStream(bytes, 4096), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        Assert.Equal(1, reader.Current);
        await Assert.ThrowsAnyAsync<JsonException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask());
        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        Assert.Equal(3, reader.Current);
        Assert.False(await reader.MoveNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MoveNextAsync_ByteOrderMarkAlone_IsAnEmptyBody()
    {
        using var reader = new DataArrayReader<int>(new TrickleStream([0xEF, 0xBB, 0xBF], 1), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_ByteOrderMarkInsideTheBody_IsInvalidJson()
    {
        var bytes = "{\"data\": \uFEFF[1]}"u8.ToArray();
        using var reader = new DataArrayReader<int>(new TrickleStream(bytes, 4096), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_CommentsAndTrailingCommasAllowedByTheOptions_AreSkipped()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            TypeInfoResolver = TestJsonContext.Default,
        };
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Wing>)options.GetTypeInfo(typeof(Wing));
        const string Json = """
            // leading comment
            {"meta": [1, /* inside */ 2,], "data": [ /* before */ {"id": 1, /* within */ "name": "a",}, {"id": 2, "name": "b"}, ], }
            """;
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(Json, 3), typeInfo, DefaultEnvelope, long.MaxValue);

        Assert.Equal([new Wing(1, "a"), new Wing(2, "b")], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_ScalarElementsAtTheLimit_AreRead_OneByteMore_Throws()
    {
        // In one read: a number is complete only once the byte after it is buffered, so with a read
        // boundary right after a number at the limit, the bytes waiting already count one more.
        using var reader = new DataArrayReader<int>(TrickleStream.FromText("""{"data":[12345678,87654321,123456789]}""", 4096), TestJsonContext.Default.Int32, DefaultEnvelope, 8);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        Assert.Equal(87654321, reader.Current);
        var exception = await Assert.ThrowsAsync<ValueTooLargeException>(async () => await reader.MoveNextAsync(CancellationToken.None));
        Assert.True(exception.IsElement);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task MoveNextAsync_OtherValueExactlyAtTheLimit_IsSkipped_OneByteMore_Throws(int chunk)
    {
        // "abcdefgh" with its quotes is 10 bytes.
        using var fits = new DataArrayReader<int>(TrickleStream.FromText("""{"meta":"abcdefgh","data":[1]}""", chunk), TestJsonContext.Default.Int32, DefaultEnvelope, 10);
        using var tooLarge = new DataArrayReader<int>(TrickleStream.FromText("""{"meta":"abcdefghi","data":[1]}""", chunk), TestJsonContext.Default.Int32, DefaultEnvelope, 10);

        Assert.Equal([1], await ReadAllAsync(fits));
        var exception = await Assert.ThrowsAsync<ValueTooLargeException>(() => ReadAllAsync(tooLarge));
        Assert.False(exception.IsElement);
    }

    [Fact]
    public async Task MoveNextAsync_ErrorValueOverTheLimit_ThrowsNamingItAsNotAnElement()
    {
        var json = $$"""{"error": {"code": "409", "description": "{{new string('d', 200)}}"}, "data": []}""";
        using var reader = new DataArrayReader<Wing>(TrickleStream.FromText(json, 16), TestJsonContext.Default.Wing, DefaultEnvelope, 100);

        var exception = await Assert.ThrowsAsync<ValueTooLargeException>(() => ReadAllAsync(reader));

        Assert.False(exception.IsElement);
    }

    [Fact]
    public async Task MoveNextAsync_ElementsOfVaryingSizeInUnevenReads_KeepsEveryElementWholeAcrossBufferMoves()
    {
        // Large and small elements mixed make the buffer both move its unfinished value to the front and grow.
        var expected = new List<Wing>();
        var json = new StringBuilder("{\"data\":[");
        for (var i = 0; i < 60; i++)
        {
            var name = new string((char)('a' + (i % 26)), i % 7 == 0 ? 20_000 + i : i);
            expected.Add(new Wing(i, name));
            json.Append(i == 0 ? string.Empty : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"").Append(name).Append("\"}");
        }

        json.Append("]}");
        using var reader = new DataArrayReader<Wing>(new TrickleStream(Encoding.UTF8.GetBytes(json.ToString()), [1000, 7, 5000, 1, 12_345]), TestJsonContext.Default.Wing, DefaultEnvelope, long.MaxValue);

        Assert.Equal(expected, await ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_ReadTimeout_CancelsAReadThatWaitsLongerThanIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        var stream = new HangingStream("{\"data\":[1,"u8.ToArray());
        using var reader = new DataArrayReader<int>(stream, TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue)
        {
            ReadTimeoutSource = source,
            ReadTimeout = TimeSpan.FromSeconds(30),
        };

        Assert.True(await reader.MoveNextAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var next = reader.MoveNextAsync(CancellationToken.None).AsTask();
        await stream.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MoveNextAsync_ReadTimeout_IsDisarmedOnceAReadReturns()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var reader = new DataArrayReader<int>(TrickleStream.FromText("""{"data": [1, 2, 3]}""", 2), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue)
        {
            ReadTimeoutSource = source,
            ReadTimeout = TimeSpan.FromSeconds(30),
        };

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(5));

        // The caller may take as long as it likes between elements: only a wait for bytes is bounded.
        Assert.False(source.IsCancellationRequested);
        Assert.Equal([2, 3], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task MoveNextAsync_NoReadTimeoutSource_PassesTheCallersTokenToTheStream()
    {
        using var caller = new CancellationTokenSource();
        var stream = new HangingStream("{\"data\":["u8.ToArray());
        using var reader = new DataArrayReader<int>(stream, TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        var next = reader.MoveNextAsync(caller.Token).AsTask();
        await stream.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        await caller.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(caller.Token, exception.CancellationToken);
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheBufferOnce()
    {
        var reader = new DataArrayReader<int>(TrickleStream.FromText("[]"), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue);

        reader.Dispose();
        reader.Dispose();
    }

    [Fact]
    public void MoveNextAsync_ValueTypeElements_AllocatesNothingPerElement()
    {
        if (typeof(DataArrayReader<>).Assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true })
        {
            // A Debug build makes every async state machine a class, allocated per call; the claim is about the optimized library.
            return;
        }

        var few = Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", Enumerable.Range(0, 200)) + "]}");
        var many = Encoding.UTF8.GetBytes("{\"data\":[" + string.Join(",", Enumerable.Range(0, 20_000)) + "]}");
        ReadSynchronously(many);

        // Both read in 4 KB pieces through one 16 KB pooled buffer: what the longer body allocates more is per element.
        var forFew = ReadSynchronously(few);
        var forMany = ReadSynchronously(many);

        Assert.InRange(forMany - forFew, 0, 1024);

        static long ReadSynchronously(byte[] body)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            using (var reader = new DataArrayReader<int>(new TrickleStream(body, 4096), TestJsonContext.Default.Int32, DefaultEnvelope, long.MaxValue))
            {
                while (true)
                {
                    // The stream completes every read at once, so each step completes without awaiting (on this thread).
                    var next = reader.MoveNextAsync(CancellationToken.None);
                    Assert.True(next.IsCompletedSuccessfully);
                    if (!next.Result)
                    {
                        break;
                    }
                }
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
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
