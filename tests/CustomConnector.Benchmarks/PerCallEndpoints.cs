namespace CustomConnector.Benchmarks;

/// <summary>
/// The endpoints of the peer benchmarks, the way the README teaches: each defined once as a template,
/// bound on every call, so that what binding costs is part of each call's figures. This is the one place
/// to change when the README teaches another way.
/// </summary>
public static class PerCallEndpoints
{
    private static readonly ConnectorEndpointTemplate GetWingTemplate = ConnectorEndpoint.Get("wings/{id}").BuildTemplate();
    private static readonly ConnectorEndpointTemplate CreateWingTemplate = ConnectorEndpoint.Post("wings").BuildTemplate();
    private static readonly ConnectorEndpointTemplate RenameWingTemplate = ConnectorEndpoint.Post("wings/{id}").BuildTemplate();
    private static readonly IConnectorEndpoint ListWingsEndpoint = ConnectorEndpoint.Get("wings").Build();

    public static IConnectorEndpoint GetWing(int id) => GetWingTemplate.Bind("id", id);

    public static IConnectorEndpoint CreateWing(WingInput input) =>
        CreateWingTemplate.Bind().WithJsonBody(input, BenchmarkJsonContext.Default.WingInput);

    public static IConnectorEndpoint RenameWing(int id, WingInput input) =>
        RenameWingTemplate.Bind("id", id).WithJsonBody(input, BenchmarkJsonContext.Default.WingInput);

    public static IConnectorEndpoint ListWings() => ListWingsEndpoint;

    // The reflection column's POST bodies: WithJsonBody<T>(T) serializes with ConnectorClientOptions.SerializerOptions.
    public static IConnectorEndpoint CreateWingByReflection(WingInput input) => CreateWingTemplate.Bind().WithJsonBody(input);

    public static IConnectorEndpoint RenameWingByReflection(int id, WingInput input) =>
        RenameWingTemplate.Bind("id", id).WithJsonBody(input);
}
