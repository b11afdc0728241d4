using System.Runtime.CompilerServices;

namespace CustomConnector.Internal;

/// <summary>
/// The items of a sequence of pages. Moving to the next item of the current page completes
/// synchronously without an async state machine; only moving to another page awaits.
/// </summary>
internal sealed class PagedItems<T>(Func<CancellationToken, IAsyncEnumerator<ConnectorPage<T>>> pages, CancellationToken callCancellationToken) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // As for compiler-generated iterators, the call's token and the enumerator's both cancel.
        var linked = cancellationToken.CanBeCanceled && callCancellationToken.CanBeCanceled && cancellationToken != callCancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(callCancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : callCancellationToken);
        return new Enumerator(pages(token), linked, token);
    }

    private sealed class Enumerator(IAsyncEnumerator<ConnectorPage<T>> pages, CancellationTokenSource? linked, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private IReadOnlyList<T> _items = [];
        private int _index;

        public T Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (_index < _items.Count)
            {
                Current = _items[_index++];
                return new ValueTask<bool>(true);
            }

            return MoveToNextPageAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await pages.DisposeAsync().ConfigureAwait(false);
            linked?.Dispose();
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> MoveToNextPageAsync()
        {
            while (await pages.MoveNextAsync().ConfigureAwait(false))
            {
                _items = pages.Current.Items;
                if (_items.Count > 0)
                {
                    Current = _items[0];
                    _index = 1;
                    return true;
                }
            }

            _items = [];
            _index = 0;
            return false;
        }
    }
}
