using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using CustomConnector.Internal;

namespace CustomConnector;

/// <summary>The outcome of a connector call: exactly one of empty, data or error.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <remarks>
/// Check <see cref="Kind"/> (or <see cref="IsData"/>/<see cref="IsError"/>, which tell the compiler
/// that <see cref="Data"/>/<see cref="Error"/> are not null), pattern-match on it, call
/// <see cref="Match{TResult}"/>, or let <see cref="GetDataOrThrow"/> turn an error into its typed exception.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ConnectorResult<T> : IResultKindSource
{
    private const long NoRetryAfter = long.MinValue;

    /// <summary>
    /// What describes the call for an empty or error result, whose exceptions describe it (the call's
    /// descriptor, or a boxed <see cref="ResponseOrigin"/> for a response the library did not send; see
    /// <see cref="ResponseOrigin.Keep"/>); <see langword="null"/> for data, whose members need none of it.
    /// </summary>
    private readonly object? _origin;
    private readonly long _retryAfterTicks;

    internal ConnectorResult(ConnectorResultKind kind, HttpStatusCode statusCode, T? data, ConnectorError? error, TimeSpan? retryAfter, in ResponseOrigin origin)
    {
        Kind = kind;
        StatusCode = statusCode;
        Data = data;
        Error = error;
        _retryAfterTicks = retryAfter?.Ticks ?? NoRetryAfter;
        Attempts = origin.Attempts;
        _origin = kind == ConnectorResultKind.Data ? null : origin.Keep();
    }

    /// <summary>Gets what the response turned out to be.</summary>
    public ConnectorResultKind Kind { get; }

    /// <summary>Gets the HTTP status code of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the payload when <see cref="Kind"/> is <see cref="ConnectorResultKind.Data"/>; otherwise the default.</summary>
    public T? Data { get; }

    /// <summary>Gets the error when <see cref="Kind"/> is <see cref="ConnectorResultKind.Error"/>; otherwise <see langword="null"/>.</summary>
    public ConnectorError? Error { get; }

    /// <summary>Gets how long the server asked the client to wait (the <c>Retry-After</c> header) on an error; otherwise <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter => _retryAfterTicks == NoRetryAfter ? null : TimeSpan.FromTicks(_retryAfterTicks);

    /// <summary>Gets how many attempts the call took (retries included); 0 for results not produced by a client.</summary>
    public int Attempts { get; }

    /// <summary>Gets a value indicating whether the response carried no payload.</summary>
    public bool IsEmpty => Kind == ConnectorResultKind.Empty;

    /// <summary>Gets a value indicating whether the response carried a payload; <see cref="Data"/> is then not null.</summary>
    [MemberNotNullWhen(true, nameof(Data))]
    public bool IsData => Kind == ConnectorResultKind.Data;

    /// <summary>Gets a value indicating whether the response was an error; <see cref="Error"/> is then not null.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsError => Kind == ConnectorResultKind.Error;

    /// <summary>Returns the payload, or throws.</summary>
    /// <returns>The payload.</returns>
    /// <exception cref="ConnectorException">
    /// On an error, the typed exception for its status (<see cref="NotFoundException"/> for 404, and so on);
    /// on an empty response, a <see cref="ConnectorException"/> saying that no data came.
    /// </exception>
    public T GetDataOrThrow()
    {
        switch (Kind)
        {
            case ConnectorResultKind.Data:
                return Data!;
            case ConnectorResultKind.Error:
                throw CreateException();
            default:
                var context = CreateContext();
                throw new ConnectorException(context, $"{context.Describe("The call")} returned no data ({(int)StatusCode} {StatusCode}), but data was expected.");
        }
    }

    /// <summary>Throws the typed exception when the result is an error; does nothing otherwise.</summary>
    /// <exception cref="ConnectorException">The typed exception for the error's status.</exception>
    public void EnsureSuccess()
    {
        if (Kind == ConnectorResultKind.Error)
        {
            throw CreateException();
        }
    }

    /// <summary>Returns the value of the function that matches the result's kind.</summary>
    /// <typeparam name="TResult">The value's type.</typeparam>
    /// <param name="onEmpty">Called for an empty result.</param>
    /// <param name="onData">Called with the payload.</param>
    /// <param name="onError">Called with the error.</param>
    /// <returns>What the called function returned.</returns>
    /// <exception cref="ArgumentNullException">A function is null.</exception>
    public TResult Match<TResult>(Func<TResult> onEmpty, Func<T, TResult> onData, Func<ConnectorError, TResult> onError)
    {
        ArgumentNullException.ThrowIfNull(onEmpty);
        ArgumentNullException.ThrowIfNull(onData);
        ArgumentNullException.ThrowIfNull(onError);
        return Kind switch
        {
            ConnectorResultKind.Data => onData(Data!),
            ConnectorResultKind.Error => onError(Error!),
            _ => onEmpty(),
        };
    }

    /// <summary>Creates the typed exception for an error result, without throwing it.</summary>
    /// <returns>The exception, or <see langword="null"/> when the result is not an error.</returns>
    public ConnectorException? ToException() => Kind == ConnectorResultKind.Error ? CreateException() : null;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ConnectorResultKind.Data => string.Create(CultureInfo.InvariantCulture, $"Data ({(int)StatusCode} {StatusCode})"),
        ConnectorResultKind.Error => string.Create(CultureInfo.InvariantCulture, $"Error ({(int)StatusCode} {StatusCode}): {Error}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Empty ({(int)StatusCode} {StatusCode})"),
    };

    private ConnectorException CreateException() => Origin.ExceptionMap.Create(CreateContext());

    private ConnectorExceptionContext CreateContext() => Origin.CreateContext(StatusCode, Error, RetryAfter);

    /// <summary>Gets the call's snapshot; only empty and error results, the ones that make exceptions, keep it.</summary>
    private ResponseOrigin Origin => ResponseOrigin.FromKept(_origin!);
}
