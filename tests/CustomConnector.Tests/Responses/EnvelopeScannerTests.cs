using System.Text;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

public sealed class EnvelopeScannerTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Scan_WholeBody_GivesEachElementsBytesThenEnds()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, long.MaxValue);

        var (elements, last) = ScanAll(scanner, """{"meta": {"data": [0]}, "data": [ {"id": 1}, "]", [2, [3]] ], "links": []}""");

        Assert.Equal(["""{"id": 1}""", "\"]\"", "[2, [3]]"], elements);
        Assert.Equal(EnvelopeScanStep.End, last);
        Assert.True(scanner.HasData);
        Assert.Null(scanner.Error);
    }

    [Fact]
    public void Scan_BodyCutInsideAnElement_NeedsMoreAndKeepsTheElementUnconsumed()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, long.MaxValue);
        var body = Encoding.UTF8.GetBytes("""{"data": [{"id": 1}, {"id": 2, "name": "cut""");

        Assert.Equal(EnvelopeScanStep.Element, scanner.Scan(body, isFinal: false, out var consumed, out _));
        Assert.Equal(EnvelopeScanStep.NeedMore, scanner.Scan(body.AsSpan(consumed), isFinal: false, out var more, out _));

        // What is left starts before the unfinished element, so the next scan sees it whole.
        Assert.StartsWith(""", {"id": 2""", Encoding.UTF8.GetString(body.AsSpan(consumed + more)), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ErrorProperty_EndsWithTheError()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, long.MaxValue);

        var (elements, last) = ScanAll(scanner, """{"data": [1], "error": {"code": 503, "description": "Down."}}""");

        Assert.Equal(["1"], elements);
        Assert.Equal(EnvelopeScanStep.End, last);
        Assert.Equal("503", scanner.Error!.Code);
        Assert.Equal("Down.", scanner.Error.Description);
    }

    [Fact]
    public void Scan_DataNull_EndsWithDataThatIsNull()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, long.MaxValue);

        var (elements, last) = ScanAll(scanner, """{"data": null}""");

        Assert.Empty(elements);
        Assert.Equal(EnvelopeScanStep.End, last);
        Assert.True(scanner.HasData);
        Assert.True(scanner.DataIsNull);
    }

    [Fact]
    public void Scan_WrongShape_ThrowsEnvelopeShapeException()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, long.MaxValue);

        var exception = Assert.Throws<EnvelopeShapeException>(() => ScanAll(scanner, """{"data": "text"}"""));

        Assert.Contains("holds a string", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfUnfinishedTooLarge_InsideTheArray_NamesAnElement_Elsewhere_AnOtherValue()
    {
        var scanner = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, 4);
        Assert.Equal(EnvelopeScanStep.NeedMore, scanner.Scan("""{"a":"""u8, isFinal: false, out _, out _));
        Assert.False(Assert.Throws<ValueTooLargeException>(() => scanner.ThrowIfUnfinishedTooLarge(4)).IsElement);

        var inArray = new EnvelopeScanner(new ConnectorEnvelopeOptions(), Options, 4);
        Assert.Equal(EnvelopeScanStep.NeedMore, inArray.Scan("""{"data":[12"""u8, isFinal: false, out _, out _));
        Assert.True(Assert.Throws<ValueTooLargeException>(() => inArray.ThrowIfUnfinishedTooLarge(4)).IsElement);
    }

    /// <summary>Scans a whole body, as the reader does once the stream has ended.</summary>
    private static (List<string> Elements, EnvelopeScanStep Last) ScanAll(EnvelopeScanner scanner, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var elements = new List<string>();
        var offset = 0;
        EnvelopeScanStep step;
        while ((step = scanner.Scan(body.AsSpan(offset), isFinal: true, out var consumed, out var element)) == EnvelopeScanStep.Element)
        {
            elements.Add(Encoding.UTF8.GetString(body.AsSpan(offset)[element]));
            offset += consumed;
        }

        return (elements, step);
    }
}
