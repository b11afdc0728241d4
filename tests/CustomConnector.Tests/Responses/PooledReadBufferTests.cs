using CsCheck;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

public sealed class PooledReadBufferTests
{
    [Fact]
    public async Task FillAsync_AnyReadSizesAndConsumes_KeepsExactlyTheBytesReadAndNotConsumed()
    {
        // Against a model: after any mix of reads and consumes, Unconsumed is data[consumed..read],
        // through every move to the front and every growth of the array.
        var steps = Gen.Select(Gen.Int[1, 5000].Array[1, 6], Gen.Int[0, 100].Array[1, 12], Gen.Int[1, 300]);
        await steps.SampleAsync(
            async (chunks, consumePercents, length) =>
            {
                var data = new byte[length * 37];
                Random.Shared.NextBytes(data);
                using var buffer = new PooledReadBuffer(new TrickleStream(data, chunks), 16);
                var consumed = 0;
                var step = 0;
                while (!buffer.IsFinal)
                {
                    await buffer.FillAsync(CancellationToken.None);
                    var take = buffer.UnconsumedLength * consumePercents[step++ % consumePercents.Length] / 100;
                    buffer.Consume(take);
                    consumed += take;
                    var read = (int)Math.Min(data.Length, consumed + buffer.UnconsumedLength);
                    Assert.True(buffer.Unconsumed.SequenceEqual(data.AsSpan(consumed, read - consumed)));
                }

                Assert.Equal(data.Length, consumed + buffer.UnconsumedLength);
            },
            iter: 300);
    }

    [Fact]
    public async Task FillAsync_UnconsumedBytesFillMostOfTheArray_GrowsAndKeepsThem()
    {
        var data = new byte[100_000];
        Random.Shared.NextBytes(data);
        using var buffer = new PooledReadBuffer(new TrickleStream(data, 4096), 16 * 1024);

        while (!buffer.IsFinal)
        {
            await buffer.FillAsync(CancellationToken.None);
        }

        Assert.Equal(data, buffer.Unconsumed.ToArray());
    }

    [Fact]
    public async Task FillAsync_StreamAtItsEnd_SetsIsFinalAndKeepsTheUnconsumedBytes()
    {
        using var buffer = new PooledReadBuffer(TrickleStream.FromText("abc", 2), 16);

        await buffer.FillAsync(CancellationToken.None);
        buffer.Consume(1);
        await buffer.FillAsync(CancellationToken.None);
        Assert.False(buffer.IsFinal);
        await buffer.FillAsync(CancellationToken.None);

        Assert.True(buffer.IsFinal);
        Assert.Equal("bc"u8.ToArray(), buffer.Unconsumed.ToArray());
    }

    [Fact]
    public async Task FillAsync_TokenCancelledWhileWaiting_CancelsTheRead()
    {
        using var source = new CancellationTokenSource();
        var stream = new HangingStream([]);
        using var buffer = new PooledReadBuffer(stream, 16);

        var fill = buffer.FillAsync(source.Token).AsTask();
        await stream.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        await source.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fill.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheArrayOnce()
    {
        var buffer = new PooledReadBuffer(TrickleStream.FromText("x"), 16);

        buffer.Dispose();
        buffer.Dispose();

        Assert.Equal(0, buffer.UnconsumedLength);
    }
}
