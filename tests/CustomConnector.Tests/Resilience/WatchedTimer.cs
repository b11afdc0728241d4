namespace CustomConnector.Tests.Resilience;

/// <summary>A one-shot timer the client started on <see cref="WatchedTime"/>: how long it was set for, and whether it has fired.</summary>
internal sealed class WatchedTimer(TimeSpan dueTime)
{
    public TimeSpan DueTime { get; } = dueTime;

    /// <summary>Gets or sets a value indicating whether the timer fired; set synchronously inside <c>Advance</c>.</summary>
    public bool Fired { get; set; }

    public override string ToString() => $"timer {DueTime} ({(Fired ? "fired" : "pending")})";
}
