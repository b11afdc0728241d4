using Refit;

namespace CustomConnector.Benchmarks;

/// <summary>The benchmark API as a Refit interface (Refit generates the implementation at build time).</summary>
public interface IWingsApi
{
    [Get("/wings/{id}")]
    Task<WingEnvelope> GetWingAsync(int id);

    [Get("/wings/{id}")]
    Task<IApiResponse<WingEnvelope>> TryGetWingAsync(int id);

    [Post("/wings")]
    Task<WingEnvelope> CreateWingAsync([Body] WingInput input);

    [Post("/wings/{id}")]
    Task RenameWingAsync(int id, [Body] WingInput input);

    [Get("/wings")]
    Task<WingListEnvelope> ListWingsAsync();

    [Get("/wings")]
    Task<WingPageEnvelope> ListWingPageAsync(int page, int pageSize);
}
