using System.Runtime.CompilerServices;
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
/// It exists because System.Text.Json cannot stream a nested property. It is the async driver of
/// three synchronous parts: a <see cref="PooledReadBuffer"/> holds the bytes read and not yet
/// consumed, an <see cref="EnvelopeScanner"/> walks the top level of those bytes to the next whole
/// element (with a <see cref="JsonValueFramer"/> finding where each value ends and holding it to the
/// limit), and this reads more whenever the scanner needs it, bounding each wait by the read timeout.
/// </remarks>
internal sealed class DataArrayReader<T> : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly PooledReadBuffer _buffer;
    private readonly EnvelopeScanner _scanner;
    private bool _started;

    /// <param name="stream">The body.</param>
    /// <param name="typeInfo">The element type's metadata; its options also set how the reader treats comments and trailing commas.</param>
    /// <param name="envelope">Where the data and error are.</param>
    /// <param name="valueLimit">The most bytes one element or other top-level value may take (<see cref="long.MaxValue"/> when the stream limits the whole body instead).</param>
    public DataArrayReader(Stream stream, JsonTypeInfo<T> typeInfo, ConnectorEnvelopeOptions envelope, long valueLimit)
    {
        _typeInfo = typeInfo;
        _scanner = new EnvelopeScanner(envelope, typeInfo.Options, valueLimit);
        _buffer = new PooledReadBuffer(stream, InitialBufferSize);
    }

    /// <summary>Gets the element read by the last successful <see cref="MoveNextAsync"/>.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>Gets how many bytes the scans for the ends of unfinished values have read, to show that the work is linear.</summary>
    internal long BytesScanned => _scanner.BytesScanned;

    /// <summary>Gets how many elements were read so far.</summary>
    public int ItemCount { get; private set; }

    /// <summary>Gets a value indicating whether the data property (or a root array) was found.</summary>
    public bool HasData => _scanner.HasData;

    /// <summary>Gets a value indicating whether the data was JSON null.</summary>
    public bool DataIsNull => _scanner.DataIsNull;

    /// <summary>Gets the error the body carried (reading stops there), or <see langword="null"/>.</summary>
    public ConnectorError? Error => _scanner.Error;

    /// <summary>Gets or sets the source that cancels a read that waits longer than <see cref="ReadTimeout"/>; it must also be cancelled by the caller's token.</summary>
    public CancellationTokenSource? ReadTimeoutSource { get; set; }

    /// <summary>Gets or sets the longest wait for more bytes when <see cref="ReadTimeoutSource"/> is set.</summary>
    public TimeSpan ReadTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Advances to the next element of the data array.</summary>
    /// <returns><see langword="false"/> at the end of the body, or when it carried an error (see <see cref="Error"/>).</returns>
    /// <exception cref="JsonException">The body is not valid JSON, is truncated, or an element does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="EnvelopeShapeException">The body is valid JSON of the wrong shape.</exception>
    /// <exception cref="ValueTooLargeException">An element or other value is larger than the limit.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (Advance())
            {
                case EnvelopeScanStep.Element:
                    return true;
                case EnvelopeScanStep.End:
                    return false;
            }

            if (_buffer.IsFinal)
            {
                // The scanner asks for more only when the data may go on; at the end of the stream it cannot.
                throw new JsonException("The response body ended before its JSON was complete.");
            }

            // Bound what waits before reading more, so that no kind of unfinished input grows the buffer past the
            // limit (what waits before the first scan is at most two bytes of a byte order mark, not a value).
            if (_started)
            {
                _scanner.ThrowIfUnfinishedTooLarge(_buffer.UnconsumedLength);
            }

            // The read timeout bounds each wait for bytes, not the time the caller takes between elements.
            var timeout = ReadTimeoutSource;
            timeout?.CancelAfter(ReadTimeout);
            await _buffer.FillAsync(timeout?.Token ?? cancellationToken).ConfigureAwait(false);
            timeout?.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>One step of the scanner over the buffered bytes; an element it completes is deserialized before its bytes are released.</summary>
    private EnvelopeScanStep Advance()
    {
        var buffered = _buffer.Unconsumed;
        if (!_started)
        {
            // A UTF-8 byte order mark before the JSON is skipped, as JsonSerializer does for the whole-body readers.
            if (buffered.Length < Utf8Bom.Bytes.Length && !_buffer.IsFinal && Utf8Bom.Bytes.StartsWith(buffered))
            {
                return EnvelopeScanStep.NeedMore;
            }

            _started = true;
            if (buffered.StartsWith(Utf8Bom.Bytes))
            {
                _buffer.Consume(Utf8Bom.Bytes.Length);
                buffered = _buffer.Unconsumed;
            }
        }

        var step = _scanner.Scan(buffered, _buffer.IsFinal, out var consumed, out var element);

        // The buffer moves past what the scanner consumed before the element is deserialized (its bytes stay where
        // they are until the next fill), so the two stay in step even when the element does not fit the type.
        _buffer.Consume(consumed);
        if (step == EnvelopeScanStep.Element)
        {
            Current = JsonSerializer.Deserialize(buffered[element], _typeInfo)!;
            ItemCount++;
        }

        return step;
    }
}
