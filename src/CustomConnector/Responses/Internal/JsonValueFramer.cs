using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Tells whether one JSON value (an array element, or another top-level value) is wholly in a
/// buffer that is still being filled, finds its last byte, and holds it to the per-value size limit.
/// </summary>
/// <remarks>
/// An unfinished object or array is scanned incrementally: where the last scan stopped is kept
/// (its reader state and offset from the value's first byte), and the next scan carries on from
/// there, so a large value arriving in many small reads is scanned once, not once per read. The
/// framer follows one value at a time: the value it was scanning is the one asked about next.
/// </remarks>
internal sealed class JsonValueFramer
{
    private readonly long _valueLimit;

    // Where the scan of an unfinished object or array stopped: its reader state, its offset from the
    // value's first byte, and the depth its closing token will be at.
    private bool _scanning;
    private JsonReaderState _scanState;
    private long _scanOffset;
    private int _scanDepth;

    /// <param name="valueLimit">The most bytes one value may take (<see cref="long.MaxValue"/> for no limit).</param>
    public JsonValueFramer(long valueLimit)
    {
        _valueLimit = valueLimit;
    }

    /// <summary>Gets how many bytes the scans for the ends of unfinished values have read, to show that the work is linear.</summary>
    public long BytesScanned { get; private set; }

    /// <summary>
    /// Checks that the value whose first token <paramref name="end"/> is on, starting at
    /// <paramref name="valueStart"/>, is wholly in <paramref name="buffered"/> and within the limit;
    /// <paramref name="end"/> is then moved to its last token.
    /// </summary>
    /// <param name="buffered">The bytes <paramref name="end"/> reads (its offsets are into these).</param>
    /// <param name="isFinal">Whether <paramref name="buffered"/> runs to the end of the body.</param>
    /// <param name="valueStart">The offset of the value's first byte.</param>
    /// <param name="end">A reader on the value's first token; on success, on its last.</param>
    /// <param name="isElement">Whether the value is an element of the data array (for the exception).</param>
    /// <returns><see langword="false"/> when more bytes are needed (<paramref name="end"/> is then unspecified).</returns>
    /// <exception cref="ValueTooLargeException">The value, finished or not, is larger than the limit.</exception>
    public bool TryFrame(ReadOnlySpan<byte> buffered, bool isFinal, long valueStart, ref Utf8JsonReader end, bool isElement)
    {
        if (end.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? !ScanToEnd(buffered, isFinal, valueStart, ref end) : !end.TrySkip())
        {
            // Incomplete, and more is coming: it will be larger than what is buffered of it now.
            if (buffered.Length - valueStart >= _valueLimit)
            {
                throw new ValueTooLargeException(_valueLimit, isElement);
            }

            return false;
        }

        _scanning = false;
        if (end.BytesConsumed - valueStart > _valueLimit)
        {
            throw new ValueTooLargeException(_valueLimit, isElement);
        }

        return true;
    }

    /// <summary>
    /// Bounds the bytes waiting before more are read: they are all part of one value, token or run of
    /// whitespace, so no kind of unfinished input can grow the buffer past the limit.
    /// </summary>
    /// <exception cref="ValueTooLargeException"><paramref name="unconsumed"/> has reached the limit.</exception>
    public void ThrowIfUnfinishedTooLarge(int unconsumed, bool isElement)
    {
        if (unconsumed >= _valueLimit)
        {
            throw new ValueTooLargeException(_valueLimit, isElement);
        }
    }

    /// <summary>
    /// Reads on from where the last scan of this value stopped; true once its closing token is
    /// buffered, with <paramref name="end"/> then on that token.
    /// </summary>
    private bool ScanToEnd(ReadOnlySpan<byte> buffered, bool isFinal, long valueStart, ref Utf8JsonReader end)
    {
        Utf8JsonReader scan;
        long resumedAt;
        var resumed = _scanning;
        if (resumed)
        {
            resumedAt = valueStart + _scanOffset;
            scan = new Utf8JsonReader(buffered[(int)resumedAt..], isFinal, _scanState);
        }
        else
        {
            resumedAt = 0;
            scan = end;
            _scanDepth = end.CurrentDepth;
        }

        var complete = false;
        while (scan.Read())
        {
            if (scan.CurrentDepth == _scanDepth && scan.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                complete = true;
                break;
            }
        }

        BytesScanned += scan.BytesConsumed - (resumed ? 0 : valueStart);
        if (complete)
        {
            if (resumed)
            {
                // The scan ran over a later part of the buffer; the value is whole now, so one skip places the caller's reader.
                return end.TrySkip();
            }

            end = scan;
            return true;
        }

        _scanState = scan.CurrentState;
        _scanOffset = resumedAt + scan.BytesConsumed - valueStart;
        _scanning = true;
        return false;
    }
}
