namespace CustomConnector.Samples.Testing;

/// <summary>
/// The code under test: an app's typed client over a "wings" connector. It knows nothing of tests;
/// the tests give it a real connector client whose HTTP handler is a fake API.
/// </summary>
public sealed class WingsClient(IConnectorClient connector)
{
    private static readonly WingsJsonContext Json = WingsJsonContext.Default;

    /// <summary>Every wing, page by page (<c>?page=1</c>, <c>?page=2</c>, ... until an empty page).</summary>
    public async Task<List<Wing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var wings = new List<Wing>();
        var endpoint = ConnectorEndpoint.Get("wings").WithName("listWings").Build();
        await foreach (var wing in connector.PaginateAsync(endpoint, Pagination.PageNumber("page"), Json.Wing, cancellationToken))
        {
            wings.Add(wing);
        }

        return wings;
    }

    /// <summary>The wing, or <see langword="null"/> when the API answers 404.</summary>
    public async Task<Wing?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        var endpoint = ConnectorEndpoint.Get("wings/{id}").WithName("getWing").WithPathParameter("id", id).Build();
        var result = await connector.SendAsync(endpoint, Json.Wing, cancellationToken);
        return Describe.IsNotFound(result) ? null : result.GetDataOrThrow();
    }

    /// <summary>Creates a wing; the API answers 201 with it.</summary>
    public async Task<Wing> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        var endpoint = ConnectorEndpoint.Post("wings").WithName("createWing")
            .WithHeader("Idempotency-Key", $"create-{name}")
            .WithJsonBody(new NewWing(name), Json.NewWing)
            .Build();
        return (await connector.SendAsync(endpoint, Json.Wing, cancellationToken)).GetDataOrThrow();
    }
}
