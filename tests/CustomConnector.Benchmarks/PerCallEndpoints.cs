namespace CustomConnector.Benchmarks;

/// <summary>
/// The endpoints of the peer benchmarks, built on every call the way the README teaches, so that
/// what building costs is part of each call's figures. This is the one place to change when the README
/// teaches another way.
/// </summary>
public static class PerCallEndpoints
{
    public static IConnectorEndpoint GetWing(int id) => ConnectorEndpoint.Get("wings/{id}").WithPathParameter("id", id).Build();

    public static IConnectorEndpoint CreateWing(WingInput input) =>
        ConnectorEndpoint.Post("wings").WithJsonBody(input, BenchmarkJsonContext.Default.WingInput).Build();

    public static IConnectorEndpoint RenameWing(int id, WingInput input) =>
        ConnectorEndpoint.Post("wings/{id}").WithPathParameter("id", id).WithJsonBody(input, BenchmarkJsonContext.Default.WingInput).Build();

    public static IConnectorEndpoint ListWings() => ConnectorEndpoint.Get("wings").Build();

    // The reflection column's POST bodies: WithJsonBody<T>(T) serializes with ConnectorClientOptions.SerializerOptions.
    public static IConnectorEndpoint CreateWingByReflection(WingInput input) => ConnectorEndpoint.Post("wings").WithJsonBody(input).Build();

    public static IConnectorEndpoint RenameWingByReflection(int id, WingInput input) =>
        ConnectorEndpoint.Post("wings/{id}").WithPathParameter("id", id).WithJsonBody(input).Build();
}
