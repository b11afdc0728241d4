using System.Diagnostics.Metrics;

namespace CustomConnector.Internal;

/// <summary>
/// The library's own <see cref="Meter"/>, for instruments created where no <see cref="IMeterFactory"/>
/// was given (a client or provider built in code): one per process, named <see cref="ConnectorDiagnostics.MeterName"/>.
/// </summary>
internal static class FallbackMeter
{
    /// <summary>Gets the shared meter.</summary>
    public static Meter Instance { get; } = new(ConnectorDiagnostics.MeterName, typeof(FallbackMeter).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the meter named <see cref="ConnectorDiagnostics.MeterName"/> from <paramref name="factory"/>, or the shared one without a factory.</summary>
    public static Meter From(IMeterFactory? factory) =>
        factory?.Create(ConnectorDiagnostics.MeterName, typeof(FallbackMeter).Assembly.GetName().Version?.ToString()) ?? Instance;
}
