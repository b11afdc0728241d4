using System.Buffers;
using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>
/// Holds the bytes of a stream that were read but not yet consumed, in an array rented from the
/// shared pool: it moves the unconsumed bytes to the front when room runs short and grows (by
/// renting a larger array) only when they fill most of it.
/// </summary>
/// <remarks>
/// Its size therefore tracks the largest run of unconsumed bytes (one unfinished value, for the
/// reader that consumes whole values) plus what one read delivers, not the length of the stream.
/// </remarks>
internal sealed class PooledReadBuffer : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    /// <param name="stream">The stream to read.</param>
    /// <param name="initialSize">The size of the first array rented.</param>
    public PooledReadBuffer(Stream stream, int initialSize)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>Gets the bytes read and not yet consumed; valid until the next <see cref="FillAsync"/>.</summary>
    public ReadOnlySpan<byte> Unconsumed => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Gets the bytes read and not yet consumed, as memory (for a parser that keeps it); valid until the next <see cref="FillAsync"/> or <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> UnconsumedMemory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Gets how many bytes were read and not yet consumed.</summary>
    public int UnconsumedLength => _end - _start;

    /// <summary>Gets a value indicating whether the stream has ended: <see cref="Unconsumed"/> is all that is left.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Marks the first <paramref name="count"/> bytes of <see cref="Unconsumed"/> as used.</summary>
    public void Consume(int count) => _start += count;

    /// <summary>Reads once from the stream, after the unconsumed bytes; at its end sets <see cref="IsFinal"/> instead.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        MakeRoom();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            IsFinal = true;
        }
        else
        {
            _end += read;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Leaves at least a quarter of the array free after the unconsumed bytes.</summary>
    private void MakeRoom()
    {
        var pending = _end - _start;
        if (pending == 0)
        {
            _start = _end = 0;
        }

        if (_buffer.Length - _end < _buffer.Length / 4)
        {
            // Little room left: move the unfinished value to the front, and grow only if it fills most of the buffer.
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                _start = 0;
                _end = pending;
            }

            if (_buffer.Length - _end < _buffer.Length / 4)
            {
                var larger = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
                Buffer.BlockCopy(_buffer, 0, larger, 0, pending);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }
    }
}
