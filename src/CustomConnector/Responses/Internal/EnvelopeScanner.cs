using System.Text;
using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>
/// Walks the top level of a connector body as its bytes arrive, to find the elements of its data
/// array: it steps into the data property's array (or the root array when the envelope's data
/// property is empty), skips the other top-level values, and stops at an error property.
/// </summary>
/// <remarks>
/// System.Text.Json cannot stream a nested property, so this keeps a <see cref="Utf8JsonReader"/>'s
/// state across the buffers it is handed (<c>isFinal</c> false until the stream ends). It resumes at
/// token boundaries only: a value is consumed once it is complete in the buffer (as the
/// <see cref="JsonValueFramer"/> tells), never half. It reads no stream and keeps no bytes.
/// </remarks>
internal sealed class EnvelopeScanner
{
    private readonly string _dataProperty;
    private readonly byte[] _dataPropertyUtf8;
    private readonly byte[] _errorPropertyUtf8;
    private readonly JsonValueFramer _framer;
    private JsonReaderState _state;
    private Phase _phase;

    /// <param name="envelope">Where the data and error are.</param>
    /// <param name="options">The serializer options of the elements, which also set how comments and trailing commas are treated.</param>
    /// <param name="valueLimit">The most bytes one element or other top-level value may take.</param>
    public EnvelopeScanner(ConnectorEnvelopeOptions envelope, JsonSerializerOptions options, long valueLimit)
    {
        _dataProperty = envelope.DataProperty;
        _dataPropertyUtf8 = Encoding.UTF8.GetBytes(envelope.DataProperty);
        _errorPropertyUtf8 = Encoding.UTF8.GetBytes(envelope.ErrorProperty);
        _framer = new JsonValueFramer(valueLimit);
        _state = new JsonReaderState(new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Allow ? JsonCommentHandling.Skip : options.ReadCommentHandling,
            MaxDepth = options.MaxDepth,
        });
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

    /// <summary>Gets a value indicating whether the data property (or a root array) was found.</summary>
    public bool HasData { get; private set; }

    /// <summary>Gets a value indicating whether the data was JSON null.</summary>
    public bool DataIsNull { get; private set; }

    /// <summary>Gets the error the body carried (the scan ends there), or <see langword="null"/>.</summary>
    public ConnectorError? Error { get; private set; }

    /// <summary>Gets how many bytes the scans for the ends of unfinished values have read.</summary>
    public long BytesScanned => _framer.BytesScanned;

    /// <summary>Walks the tokens of <paramref name="buffered"/> until an element is whole, the body ends, or more bytes are needed.</summary>
    /// <param name="buffered">The bytes not consumed by earlier steps, and any read since.</param>
    /// <param name="isFinal">Whether <paramref name="buffered"/> runs to the end of the body.</param>
    /// <param name="consumed">How many bytes of <paramref name="buffered"/> were fully handled (the next step starts after them).</param>
    /// <param name="element">For <see cref="EnvelopeScanStep.Element"/>, where the element's bytes are in <paramref name="buffered"/>.</param>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    /// <exception cref="EnvelopeShapeException">The body is valid JSON of the wrong shape.</exception>
    /// <exception cref="ValueTooLargeException">An element or other value is larger than the limit.</exception>
    public EnvelopeScanStep Scan(ReadOnlySpan<byte> buffered, bool isFinal, out int consumed, out Range element)
    {
        var reader = new Utf8JsonReader(buffered, isFinal, _state);
        var step = Walk(ref reader, buffered, isFinal, out element);
        consumed = (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return step;
    }

    /// <summary>Bounds the bytes waiting for more, which are all part of one value, token or run of whitespace.</summary>
    /// <exception cref="ValueTooLargeException"><paramref name="unconsumed"/> has reached the limit.</exception>
    public void ThrowIfUnfinishedTooLarge(int unconsumed) => _framer.ThrowIfUnfinishedTooLarge(unconsumed, isElement: _phase == Phase.Array);

    /// <summary><paramref name="reader"/> is left after the last token fully handled.</summary>
    private EnvelopeScanStep Walk(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffered, bool isFinal, out Range element)
    {
        element = default;
        while (true)
        {
            switch (_phase)
            {
                case Phase.Root:
                    if (!reader.Read())
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    _phase = StartRoot(reader.TokenType);
                    break;

                case Phase.Object:
                    if (!reader.Read())
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    _phase = reader.TokenType == JsonTokenType.EndObject ? Phase.AfterRoot
                        : reader.ValueTextEquals(_dataPropertyUtf8) ? Phase.DataValue
                        : _errorPropertyUtf8.Length > 0 && reader.ValueTextEquals(_errorPropertyUtf8) ? Phase.ErrorValue
                        : Phase.OtherValue;
                    break;

                case Phase.DataValue:
                    if (!reader.Read())
                    {
                        return EnvelopeScanStep.NeedMore;
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
                        return EnvelopeScanStep.NeedMore;
                    }

                    if (probe.TokenType == JsonTokenType.EndArray)
                    {
                        reader = probe;
                        _phase = _dataProperty.Length == 0 ? Phase.AfterRoot : Phase.Object;
                        break;
                    }

                    var end = probe;
                    if (!_framer.TryFrame(buffered, isFinal, probe.TokenStartIndex, ref end, isElement: true))
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    element = new Range((int)probe.TokenStartIndex, (int)end.BytesConsumed);
                    reader = end;
                    return EnvelopeScanStep.Element;
                }

                case Phase.ErrorValue:
                {
                    if (!TryReadWholeValue(reader, buffered, isFinal, out var valueStart, out var end))
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    var error = JsonSerializer.Deserialize(buffered[(int)valueStart..(int)end.BytesConsumed], ConnectorJsonContext.Default.ConnectorError);
                    reader = end;
                    if (error is not null)
                    {
                        // As for a single response, an error in a 2xx body wins over any data.
                        Error = error;
                        _phase = Phase.Done;
                        return EnvelopeScanStep.End;
                    }

                    _phase = Phase.Object;
                    break;
                }

                case Phase.OtherValue:
                {
                    if (!TryReadWholeValue(reader, buffered, isFinal, out _, out var end))
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    reader = end;
                    _phase = Phase.Object;
                    break;
                }

                case Phase.AfterRoot:
                    // Anything but whitespace after the root value makes the reader throw.
                    if (reader.Read() || !isFinal)
                    {
                        return EnvelopeScanStep.NeedMore;
                    }

                    _phase = Phase.Done;
                    return EnvelopeScanStep.End;

                default:
                    return EnvelopeScanStep.End;
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

        return token == JsonTokenType.StartObject ? Phase.Object : throw EnvelopeShapeException.RootNotObject(_dataProperty, token);
    }

    /// <summary>Reads the next value (not an element) if it is wholly buffered: its start, and a reader on its last token.</summary>
    private bool TryReadWholeValue(Utf8JsonReader reader, ReadOnlySpan<byte> buffered, bool isFinal, out long valueStart, out Utf8JsonReader end)
    {
        end = reader;
        valueStart = 0;
        if (!end.Read())
        {
            return false;
        }

        valueStart = end.TokenStartIndex;
        return _framer.TryFrame(buffered, isFinal, valueStart, ref end, isElement: false);
    }
}
