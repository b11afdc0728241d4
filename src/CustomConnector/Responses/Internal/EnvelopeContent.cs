using System.Text.Json;

namespace CustomConnector.Internal;

/// <summary>What a response body held, before a mode makes a result, a page or an exception of it.</summary>
/// <param name="Kind">Empty, data or error.</param>
/// <param name="Data">The payload when <paramref name="Kind"/> is data.</param>
/// <param name="Error">The error when <paramref name="Kind"/> is error.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> of an error status; <see langword="null"/> otherwise.</param>
/// <param name="Values">The other top-level values of an envelope read with them (a page), or <see langword="null"/>.</param>
internal readonly record struct EnvelopeContent<T>(ConnectorResultKind Kind, T? Data, ConnectorError? Error, TimeSpan? RetryAfter, Dictionary<string, JsonElement>? Values);
