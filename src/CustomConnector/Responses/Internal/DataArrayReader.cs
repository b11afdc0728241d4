using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CustomConnector.Internal;

/// <summary>
/// Reads a connector body as its bytes arrive and hands out the elements of its data array one at
/// a time: the array at the envelope's data property (or the whole body when that is empty) is
/// never materialised. Each element is deserialized as soon as its last byte is buffered, so the
/// buffer holds at most one element (or one other top-level value, skipped) beyond what a read delivered.
/// </summary>
/// <remarks>
/// System.Text.Json cannot stream a nested property, so this walks the top level itself with a
/// <see cref="Utf8JsonReader"/> over a pooled, growable buffer (<c>isFinalBlock</c> false until the
/// stream ends, the reader's state carried across refills). The walk resumes at token boundaries
/// only: a value is consumed once it is complete in the buffer, never half.
/// </remarks>
internal sealed class DataArrayReader<T> : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly string _dataProperty;
    private readonly byte[] _dataPropertyUtf8;
    private readonly byte[] _errorPropertyUtf8;
    private readonly long _valueLimit;
    private readonly PooledReadBuffer _buffer;
    private JsonReaderState _state;
    private Phase _phase;

    // Where the scan of an unfinished object or array stopped: its reader state, its offset from the
    // value's first byte, and the depth its closing token will be at.
    private bool _scanning;
    private JsonReaderState _scanState;
    private long _scanOffset;
    private int _scanDepth;

    /// <param name="stream">The body.</param>
    /// <param name="typeInfo">The element type's metadata; its options also set how the reader treats comments and trailing commas.</param>
    /// <param name="envelope">Where the data and error are.</param>
    /// <param name="valueLimit">The most bytes one element or other top-level value may take (<see cref="long.MaxValue"/> when the stream limits the whole body instead).</param>
    public DataArrayReader(Stream stream, JsonTypeInfo<T> typeInfo, ConnectorEnvelopeOptions envelope, long valueLimit)
    {
        _typeInfo = typeInfo;
        _dataProperty = envelope.DataProperty;
        _dataPropertyUtf8 = System.Text.Encoding.UTF8.GetBytes(envelope.DataProperty);
        _errorPropertyUtf8 = System.Text.Encoding.UTF8.GetBytes(envelope.ErrorProperty);
        _valueLimit = valueLimit;
        var options = typeInfo.Options;
        _state = new JsonReaderState(new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Allow ? JsonCommentHandling.Skip : options.ReadCommentHandling,
            MaxDepth = options.MaxDepth,
        });
        _buffer = new PooledReadBuffer(stream, InitialBufferSize);
    }

    private enum Phase
    {
        Root,
        Object,
        DataValue,
        ErrorValue,
        OtherValue,
        Array,
        AfterRoot,
        Done,
    }

    private enum Step
    {
        Item,
        End,
        NeedMore,
    }

    /// <summary>Gets the element read by the last successful <see cref="MoveNextAsync"/>.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>Gets how many bytes the scans for the ends of unfinished values have read, to show that the work is linear.</summary>
    internal long BytesScanned { get; private set; }

    /// <summary>Gets how many elements were read so far.</summary>
    public int ItemCount { get; private set; }

    /// <summary>Gets a value indicating whether the data property (or a root array) was found.</summary>
    public bool HasData { get; private set; }

    /// <summary>Gets a value indicating whether the data was JSON null.</summary>
    public bool DataIsNull { get; private set; }

    /// <summary>Gets the error the body carried (reading stops there), or <see langword="null"/>.</summary>
    public ConnectorError? Error { get; private set; }

    /// <summary>Gets or sets the source that cancels a read that waits longer than <see cref="ReadTimeout"/>; it must also be cancelled by the caller's token.</summary>
    public CancellationTokenSource? ReadTimeoutSource { get; set; }

    /// <summary>Gets or sets the longest wait for more bytes when <see cref="ReadTimeoutSource"/> is set.</summary>
    public TimeSpan ReadTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Advances to the next element of the data array.</summary>
    /// <returns><see langword="false"/> at the end of the body, or when it carried an error (see <see cref="Error"/>).</returns>
    /// <exception cref="JsonException">The body is not valid JSON, is truncated, or an element does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="EnvelopeShapeException">The body is valid JSON of the wrong shape.</exception>
    /// <exception cref="ValueTooLargeException">An element or other value is larger than the limit.</exception>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Advance())
            {
                case Step.Item:
                    return true;
                case Step.End:
                    return false;
            }

            if (_buffer.IsFinal)
            {
                // The reader asks for more only when the data may go on; at the end of the stream it cannot.
                throw new JsonException("The response body ended before its JSON was complete.");
            }

            // Whatever is not yet consumed is part of one value, token or run of whitespace: bound it
            // here, before reading more, so that no kind of unfinished input can grow the buffer past the limit.
            if (_buffer.UnconsumedLength >= _valueLimit)
            {
                throw new ValueTooLargeException(_valueLimit, isElement: _phase == Phase.Array);
            }

            // The read timeout bounds each wait for bytes, not the time the caller takes between elements.
            var timeout = ReadTimeoutSource;
            timeout?.CancelAfter(ReadTimeout);
            await _buffer.FillAsync(timeout?.Token ?? cancellationToken).ConfigureAwait(false);
            timeout?.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _buffer.Dispose();

    private Step Advance()
    {
        var reader = new Utf8JsonReader(_buffer.Unconsumed, _buffer.IsFinal, _state);
        var step = Walk(ref reader);
        _buffer.Consume((int)reader.BytesConsumed);
        _state = reader.CurrentState;
        return step;
    }

    /// <summary>Walks tokens until an element is read, the body ends, or more bytes are needed; <paramref name="reader"/> is left after the last token fully handled.</summary>
    private Step Walk(ref Utf8JsonReader reader)
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.Root:
                    if (!reader.Read())
                    {
                        return Step.NeedMore;
                    }

                    _phase = StartRoot(reader.TokenType);
                    break;

                case Phase.Object:
                    if (!reader.Read())
                    {
                        return Step.NeedMore;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = Phase.AfterRoot;
                    }
                    else if (reader.ValueTextEquals(_dataPropertyUtf8))
                    {
                        _phase = Phase.DataValue;
                    }
                    else if (_errorPropertyUtf8.Length > 0 && reader.ValueTextEquals(_errorPropertyUtf8))
                    {
                        _phase = Phase.ErrorValue;
                    }
                    else
                    {
                        _phase = Phase.OtherValue;
                    }

                    break;

                case Phase.DataValue:
                    if (!reader.Read())
                    {
                        return Step.NeedMore;
                    }

                    HasData = true;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartArray:
                            _phase = Phase.Array;
                            break;
                        case JsonTokenType.Null:
                            DataIsNull = true;
                            _phase = Phase.Object;
                            break;
                        default:
                            throw EnvelopeShapeException.DataNotArray(_dataProperty, reader.TokenType);
                    }

                    break;

                case Phase.Array:
                {
                    var probe = reader;
                    if (!probe.Read())
                    {
                        return Step.NeedMore;
                    }

                    if (probe.TokenType == JsonTokenType.EndArray)
                    {
                        reader = probe;
                        _phase = _dataProperty.Length == 0 ? Phase.AfterRoot : Phase.Object;
                        break;
                    }

                    var end = probe;
                    if (!TryBuffer(probe.TokenStartIndex, ref end, isElement: true))
                    {
                        return Step.NeedMore;
                    }

                    Current = JsonSerializer.Deserialize(Slice(probe.TokenStartIndex, end.BytesConsumed), _typeInfo)!;
                    ItemCount++;
                    reader = end;
                    return Step.Item;
                }

                case Phase.ErrorValue:
                {
                    if (!TryReadWholeValue(reader, out var valueStart, out var end))
                    {
                        return Step.NeedMore;
                    }

                    var error = JsonSerializer.Deserialize(Slice(valueStart, end.BytesConsumed), ConnectorJsonContext.Default.ConnectorError);
                    reader = end;
                    if (error is not null)
                    {
                        // As for a single response, an error in a 2xx body wins over any data.
                        Error = error;
                        _phase = Phase.Done;
                        return Step.End;
                    }

                    _phase = Phase.Object;
                    break;
                }

                case Phase.OtherValue:
                {
                    if (!TryReadWholeValue(reader, out _, out var end))
                    {
                        return Step.NeedMore;
                    }

                    reader = end;
                    _phase = Phase.Object;
                    break;
                }

                case Phase.AfterRoot:
                    // Anything but whitespace after the root value makes the reader throw.
                    if (reader.Read() || !_buffer.IsFinal)
                    {
                        return Step.NeedMore;
                    }

                    _phase = Phase.Done;
                    return Step.End;

                default:
                    return Step.End;
            }
        }
    }

    private Phase StartRoot(JsonTokenType token)
    {
        if (_dataProperty.Length == 0)
        {
            switch (token)
            {
                case JsonTokenType.StartArray:
                    HasData = true;
                    return Phase.Array;
                case JsonTokenType.Null:
                    HasData = true;
                    DataIsNull = true;
                    return Phase.AfterRoot;
                default:
                    throw EnvelopeShapeException.RootNotArray(token);
            }
        }

        if (token != JsonTokenType.StartObject)
        {
            throw EnvelopeShapeException.RootNotObject(_dataProperty, token);
        }

        return Phase.Object;
    }

    /// <summary>Reads the next value (not an element) if it is wholly buffered: its start, and a reader on its last token.</summary>
    private bool TryReadWholeValue(Utf8JsonReader reader, out long valueStart, out Utf8JsonReader end)
    {
        end = reader;
        valueStart = 0;
        if (!end.Read())
        {
            return false;
        }

        valueStart = end.TokenStartIndex;
        return TryBuffer(valueStart, ref end, isElement: false);
    }

    /// <summary>
    /// Checks that the value starting at <paramref name="valueStart"/> is wholly in the buffer and
    /// within the limit; <paramref name="end"/>, positioned on its first token, is then moved to its last.
    /// </summary>
    /// <remarks>
    /// An unfinished object or array is scanned incrementally: where the last scan stopped is kept
    /// (its reader state and offset), and the next scan carries on from there, so a large value
    /// arriving in many small reads is scanned once, not once per read.
    /// </remarks>
    private bool TryBuffer(long valueStart, ref Utf8JsonReader end, bool isElement)
    {
        if (end.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? !ScanToEnd(ref end, valueStart) : !end.TrySkip())
        {
            // Incomplete, and more is coming: it will be larger than what is buffered of it now.
            if (_buffer.UnconsumedLength - valueStart >= _valueLimit)
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
    /// Reads on from where the last scan of this value stopped; true once its closing token is
    /// buffered, with <paramref name="end"/> then on that token.
    /// </summary>
    private bool ScanToEnd(ref Utf8JsonReader end, long valueStart)
    {
        Utf8JsonReader scan;
        long resumedAt;
        var resumed = _scanning;
        if (resumed)
        {
            resumedAt = valueStart + _scanOffset;
            scan = new Utf8JsonReader(_buffer.Unconsumed[(int)resumedAt..], _buffer.IsFinal, _scanState);
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

    /// <summary>The bytes of a value, from its first token's start to its last token's end (offsets in the reader's span).</summary>
    private ReadOnlySpan<byte> Slice(long valueStart, long valueEnd) => _buffer.Unconsumed[(int)valueStart..(int)valueEnd];
}
