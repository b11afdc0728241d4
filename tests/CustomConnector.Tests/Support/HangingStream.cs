namespace CustomConnector.Tests;

/// <summary>A response body that sends its first bytes and then stalls until the read is cancelled.</summary>
internal sealed class HangingStream(byte[] first) : Stream
{
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    /// <summary>Gets a task that completes when the reader has taken the first bytes and is waiting for more.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Gets a task that completes when the reader gave up waiting (its read was cancelled).</summary>
    public Task Cancelled => _cancelled.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < first.Length)
        {
            var count = Math.Min(buffer.Length, first.Length - _position);
            first.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() =>
        {
            _cancelled.TrySetResult();
            never.TrySetCanceled(cancellationToken);
        });
        _stalled.TrySetResult();
        return await never.Task;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
