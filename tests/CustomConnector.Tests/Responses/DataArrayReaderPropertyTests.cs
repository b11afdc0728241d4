using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

/// <summary>
/// Generated envelopes (data array, null or absent; an error before or after it; other values with
/// brackets and escaped quotes in strings; any whitespace) read in random read sizes: whatever the
/// read boundaries, the reader hands out the same elements, error and data flags.
/// </summary>
public sealed class DataArrayReaderPropertyTests
{
    private static readonly Gen<string> Space = Pick(string.Empty, " ", "\n  ", "\r\n\t");

    private static readonly Gen<string> Other = Pick(
        """ "meta": {"next": "wings?page=[2]", "total": 3} """,
        """ "links": [{"href": "x\"]"}, [1, [2, [3]]], []] """,
        """ "note": "\"data\": [1, 2], \"error\": {}" """,
        """ "count": 12.5e3 """,
        """ "flag": true """,
        """ "none": null """,
        """ "errors": {"code": "1", "description": "not the error property"} """,
        """ "dataset": [{"id": 99, "name": "not the data property"}] """);

    private static readonly Gen<string> Extra = Pick(
        string.Empty,
        """, "tags": [[1, "]"], {"a": "}"}, [], "\\\""]""",
        """, "nested": {"x": ["[", {"y": null}, "{\"z\": [1]}"]}""",
        """, "n": -0.5E+2, "b": false""");

    private static readonly Gen<(int Id, string Name, string Json)> Element =
        from id in Gen.Int[-1000, 100_000]
        from name in Gen.String[Gen.Char["ab []{}\",:\\/üé€\u2028"], 0, 8]
        from asciiOnly in Gen.Bool
        from extra in Extra
        from space in Space
        from nameFirst in Gen.Bool
        let encoded = JsonEncodedText.Encode(name, asciiOnly ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()
        let idMember = $"\"id\":{space}{id}"
        let nameMember = $"\"name\":{space}\"{encoded}\""
        select (id, name, nameFirst
            ? $"{{{space}{nameMember},{space}{idMember}{extra}{space}}}"
            : $"{{{space}{idMember},{space}{nameMember}{extra}{space}}}");

    private static readonly Gen<Body> EnvelopeBody =
        from before in Other.Array[0, 2]
        from after in Other.Array[0, 2]
        from dataKind in Gen.Int[0, 2]
        from elements in Element.Array[0, 6]
        from errorKind in Gen.Int[0, 3]
        from numericCode in Gen.Bool
        from space in Space
        select Build(before, after, (DataKind)dataKind, elements, (ErrorKind)errorKind, numericCode, space);

    private static readonly Gen<Body> RootBody =
        from isNull in Gen.Bool
        from elements in Element.Array[0, 6]
        from space in Space
        select new Body(
            isNull ? $"{space}null{space}" : $"{space}[{space}{string.Join($",{space}", elements.Select(e => e.Json))}{space}]{space}",
            isNull ? [] : elements.Select(e => new Wing(e.Id, e.Name)).ToArray(),
            HasData: true,
            DataIsNull: isNull,
            ErrorCode: null);

    private enum DataKind
    {
        Absent,
        Null,
        Array,
    }

    private enum ErrorKind
    {
        None,
        BeforeData,
        AfterData,
        Null,
    }

    [Fact]
    public async Task MoveNextAsync_AnyEnvelopeInAnyReadSizes_ReadsWhatTheEnvelopeHolds()
    {
        await Gen.Select(EnvelopeBody, Gen.Int[1, 48].Array[1, 8]).SampleAsync(
            (body, chunks) => AssertReadsAsync(body, chunks, new ConnectorEnvelopeOptions()),
            iter: 3000);
    }

    [Fact]
    public async Task MoveNextAsync_AnyRootArrayInAnyReadSizes_ReadsWhatTheArrayHolds()
    {
        await Gen.Select(RootBody, Gen.Int[1, 48].Array[1, 8]).SampleAsync(
            (body, chunks) => AssertReadsAsync(body, chunks, new ConnectorEnvelopeOptions { DataProperty = string.Empty }),
            iter: 1000);
    }

    [Fact]
    public async Task MoveNextAsync_BodySplitInTwoAtEveryByte_ReadsTheSameAsInOneRead()
    {
        var body = Build(
            [""" "meta": {"next": "wings?page=[2]"} """],
            [""" "links": [{"href": "x\"]"}, [1, [2]]] """],
            DataKind.Array,
            [
                (1, "a\"]b", """{"id": 1, "name": "a\"]b", "tags": [[1, "]"], {"a": "}"}]}"""),
                (2, "ü{", """{ "name": "\u00fc{", "id": 2 }"""),
                (-3, string.Empty, """{"id":-3,"name":""}"""),
            ],
            ErrorKind.AfterData,
            numericCode: true,
            space: "\n ");
        var bytes = Encoding.UTF8.GetByteCount(body.Json);

        for (var split = 1; split < bytes; split++)
        {
            await AssertReadsAsync(body, [split, bytes], new ConnectorEnvelopeOptions());
        }
    }

    private static Body Build(string[] before, string[] after, DataKind dataKind, (int Id, string Name, string Json)[] elements, ErrorKind errorKind, bool numericCode, string space)
    {
        var error = $$"""{{space}}"error":{{space}}{"code": {{(numericCode ? "409" : "\"409\"")}}, "description": "Busy [\"x\"]."}""";
        var data = dataKind switch
        {
            DataKind.Null => $"{space}\"data\":{space}null",
            DataKind.Array => $"{space}\"data\":{space}[{space}{string.Join($",{space}", elements.Select(e => e.Json))}{space}]",
            _ => null,
        };

        var members = new List<string>(before);
        if (errorKind == ErrorKind.BeforeData)
        {
            members.Add(error);
        }

        if (data is not null)
        {
            members.Add(data);
        }

        if (errorKind == ErrorKind.AfterData)
        {
            members.Add(error);
        }
        else if (errorKind == ErrorKind.Null)
        {
            members.Add($"{space}\"error\":{space}null");
        }

        members.AddRange(after);
        var json = $"{space}{{{string.Join(",", members)}{space}}}{space}";

        var errorFirst = errorKind == ErrorKind.BeforeData;
        var hasData = data is not null && !errorFirst;
        return new Body(
            json,
            hasData && dataKind == DataKind.Array ? elements.Select(e => new Wing(e.Id, e.Name)).ToArray() : [],
            hasData,
            hasData && dataKind == DataKind.Null,
            errorKind is ErrorKind.BeforeData or ErrorKind.AfterData ? "409" : null);
    }

    private static async Task AssertReadsAsync(Body body, int[] chunks, ConnectorEnvelopeOptions envelope)
    {
        using var reader = new DataArrayReader<Wing>(new TrickleStream(Encoding.UTF8.GetBytes(body.Json), chunks), TestJsonContext.Default.Wing, envelope, long.MaxValue);
        var items = new List<Wing>();
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            items.Add(reader.Current);
        }

        Assert.Equal(body.Items, items);
        Assert.Equal(body.Items.Length, reader.ItemCount);
        Assert.Equal(body.HasData, reader.HasData);
        Assert.Equal(body.DataIsNull, reader.DataIsNull);
        Assert.Equal(body.ErrorCode, reader.Error?.Code);
        if (body.ErrorCode is not null)
        {
            Assert.Equal("Busy [\"x\"].", reader.Error!.Description);
        }
    }

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>A body and what reading it must give.</summary>
    public sealed record Body(string Json, Wing[] Items, bool HasData, bool DataIsNull, string? ErrorCode)
    {
        public override string ToString() => Json;
    }
}
