using System.Buffers;
using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>
/// Reads a response body up to a byte limit, and keeps its first bytes so that an exception can
/// show what arrived without the body ever being read into a string.
/// </summary>
internal sealed class LimitedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private byte[]? _excerpt;
    private int _excerptLength;

    public LimitedReadStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public string? GetExcerpt()
    {
        if (_excerpt is null || _excerptLength == 0)
        {
            return null;
        }

        // A cut in the middle of a UTF-8 sequence decodes to U+FFFD, which is fine for an excerpt.
        return System.Text.Encoding.UTF8.GetString(_excerpt, 0, _excerptLength);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        return Account(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            if (_excerpt is not null)
            {
                ArrayPool<byte>.Shared.Return(_excerpt);
                _excerpt = null;
            }
        }

        base.Dispose(disposing);
    }

    private int Account(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            return 0;
        }

        if (_excerptLength < ConnectorDefaults.BodyExcerptBytes)
        {
            _excerpt ??= ArrayPool<byte>.Shared.Rent(ConnectorDefaults.BodyExcerptBytes);
            var take = Math.Min(read.Length, ConnectorDefaults.BodyExcerptBytes - _excerptLength);
            read[..take].CopyTo(_excerpt.AsSpan(_excerptLength));
            _excerptLength += take;
        }

        BytesRead += read.Length;
        if (BytesRead > _limit)
        {
            throw new ResponseTooLargeException(_limit);
        }

        return read.Length;
    }
}
