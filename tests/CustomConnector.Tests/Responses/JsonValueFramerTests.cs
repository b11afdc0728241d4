using System.Text;
using System.Text.Json;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

public sealed class JsonValueFramerTests
{
    [Theory]
    [InlineData("""{"a": [1, {"b": "]}"}], "c": "\"}"}""")]
    [InlineData("""[[1, [2]], "]", {}]""")]
    [InlineData("\"a \\\"quoted\\\" [string]\"")]
    [InlineData("-12.5e3")]
    [InlineData("true")]
    [InlineData("null")]
    public void TryFrame_WholeValueBuffered_EndsOnItsLastByte(string value)
    {
        var buffered = Encoding.UTF8.GetBytes(value + ", 1");
        var framer = new JsonValueFramer(long.MaxValue);

        Assert.True(TryFrame(framer, buffered, isFinal: false, out var end));

        Assert.Equal(Encoding.UTF8.GetByteCount(value), end);
    }

    [Fact]
    public void TryFrame_ObjectArrivingInPieces_IsWholeOnlyWithItsLastByteAndScannedAboutOnce()
    {
        var tags = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"t{i}\""));
        var value = Encoding.UTF8.GetBytes("{\"tags\": [" + tags + "], \"end\": {\"x\": \"}\"}}");
        var framer = new JsonValueFramer(long.MaxValue);

        for (var length = 1; length < value.Length; length += 97)
        {
            Assert.False(TryFrame(framer, value.AsSpan(0, length), isFinal: false, out _));
        }

        Assert.True(TryFrame(framer, value, isFinal: false, out var end));
        Assert.Equal(value.Length, end);
        Assert.InRange(framer.BytesScanned, value.Length, 2L * value.Length);
    }

    [Fact]
    public void TryFrame_NumberAtTheEndOfTheBufferedBytes_NeedsMoreUnlessTheBodyEnded()
    {
        var framer = new JsonValueFramer(long.MaxValue);

        Assert.False(TryFrame(framer, "123"u8, isFinal: false, out _));
        Assert.True(TryFrame(framer, "123"u8, isFinal: true, out var end));
        Assert.Equal(3, end);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TryFrame_ValueOneByteOverTheLimit_ThrowsSayingWhatItWas(bool isElement)
    {
        var framer = new JsonValueFramer(6);

        Assert.True(TryFrame(framer, "[1,22]"u8, isFinal: true, out _, isElement));
        var exception = Assert.Throws<ValueTooLargeException>(() => TryFrame(framer, "[1,222]"u8, isFinal: true, out _, isElement));

        Assert.Equal(isElement, exception.IsElement);
        Assert.Equal(6, exception.Limit);
    }

    [Fact]
    public void TryFrame_UnfinishedValueReachingTheLimit_ThrowsBeforeItEnds()
    {
        var framer = new JsonValueFramer(8);

        Assert.False(TryFrame(framer, """{"a":"""u8, isFinal: false, out _));
        Assert.Throws<ValueTooLargeException>(() => TryFrame(framer, """{"a": 12"""u8, isFinal: false, out _));
    }

    [Fact]
    public void ThrowIfUnfinishedTooLarge_BelowTheLimit_Returns_AtIt_Throws()
    {
        var framer = new JsonValueFramer(10);

        framer.ThrowIfUnfinishedTooLarge(9, isElement: true);
        var exception = Assert.Throws<ValueTooLargeException>(() => framer.ThrowIfUnfinishedTooLarge(10, isElement: true));

        Assert.True(exception.IsElement);
    }

    /// <summary>Frames the value at the start of <paramref name="buffered"/>, as the scanner does: a reader on its first token.</summary>
    private static bool TryFrame(JsonValueFramer framer, ReadOnlySpan<byte> buffered, bool isFinal, out long end, bool isElement = true)
    {
        var reader = new Utf8JsonReader(buffered, isFinal, default);
        end = 0;
        if (!reader.Read())
        {
            return false;
        }

        var framed = framer.TryFrame(buffered, isFinal, reader.TokenStartIndex, ref reader, isElement);
        end = reader.BytesConsumed;
        return framed;
    }
}
