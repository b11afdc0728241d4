namespace CustomConnector.Tests;

/// <summary>
/// Hands out its bytes at most <c>chunk</c> at a time, as a slow socket would (every read boundary a parser can
/// meet, it meets), or in reads of the given sizes, cycled, as a socket delivers a body in uneven pieces.
/// </summary>
internal sealed class TrickleStream(byte[] data, int[] chunks) : Stream
{
    private int _position;
    private int _next;

    public TrickleStream(byte[] data, int chunk)
        : this(data, [chunk])
    {
    }

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public static TrickleStream FromText(string text, int chunk = 1) => new(System.Text.Encoding.UTF8.GetBytes(text), chunk);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        var chunk = Math.Max(1, chunks[_next++ % chunks.Length]);
        var take = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, take).CopyTo(buffer);
        _position += take;
        return take;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
