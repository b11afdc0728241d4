using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>
/// Names the properties of the response envelope: <c>{"data": ...}</c> for success and
/// <c>{"error": {"code": ..., "description": ...}}</c> for failure.
/// </summary>
public sealed class ConnectorEnvelopeOptions
{
    private string _dataProperty = ConnectorDefaults.DataProperty;
    private string _errorProperty = ConnectorDefaults.ErrorProperty;
    private bool _frozen;

    /// <summary>
    /// Gets or sets the name of the property that holds the payload of a successful response.
    /// An empty string means the whole 2xx body is the payload (for APIs that don't wrap it, such as a bare JSON array).
    /// </summary>
    /// <value>The default is <c>"data"</c>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">These options belong to a built endpoint or a client and can no longer change.</exception>
    public string DataProperty
    {
        get => _dataProperty;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfFrozen();
            _dataProperty = value;
        }
    }

    /// <summary>
    /// Gets or sets the name of the property that holds the error object (<c>code</c> and <c>description</c>).
    /// An empty string means a 2xx body is never read as an error.
    /// </summary>
    /// <value>The default is <c>"error"</c>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">These options belong to a built endpoint or a client and can no longer change.</exception>
    public string ErrorProperty
    {
        get => _errorProperty;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfFrozen();
            _errorProperty = value;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DataProperty = \"{_dataProperty}\", ErrorProperty = \"{_errorProperty}\"";

    /// <summary>Returns an unchangeable copy, so that a client or endpoint is not altered after it was built.</summary>
    internal ConnectorEnvelopeOptions Freeze() =>
        _frozen ? this : new ConnectorEnvelopeOptions { _dataProperty = _dataProperty, _errorProperty = _errorProperty, _frozen = true };

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("These envelope options belong to a built endpoint or client and can no longer change. Set them before Build() or before creating the client.");
        }
    }
}
