using Microsoft.AspNetCore.Http;

namespace CustomConnector.IntegrationTests;

/// <summary>One <see cref="ServerGate"/> per request to a route, in arrival order; disposing releases them all.</summary>
public sealed class GateSet : IDisposable
{
    private readonly ServerGate[] _gates;
    private int _arrivals;

    public GateSet(int count)
    {
        _gates = new ServerGate[count];
        for (var i = 0; i < count; i++)
        {
            _gates[i] = new ServerGate();
        }
    }

    public ServerGate this[int index] => _gates[index];

    /// <summary>A route handler that holds request n at gate n, then answers 200 with <paramref name="json"/> once released.</summary>
    public RequestDelegate HoldEachRequest(string json) => async context =>
    {
        var gate = _gates[Math.Min(Interlocked.Increment(ref _arrivals), _gates.Length) - 1];
        if (await gate.WaitAsync(context))
        {
            await Reply.Json(200, json)(context);
        }
    };

    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }
}
