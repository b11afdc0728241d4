using System.Net;
using System.Text;

namespace CustomConnector.Cli.Definitions;

/// <summary>
/// The primary handler in <c>preview</c>: nothing leaves the machine. API requests get an empty 204, so the
/// client completes normally after one attempt; token requests get a stand-in token, so the request shows its
/// <c>Authorization</c> header (masked) without asking the real token endpoint.
/// </summary>
internal sealed class PreviewHandler(bool isApi) : HttpMessageHandler
{
    public const string StandInToken = "preview-stand-in-token";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = isApi
            ? new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request }
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent($$"""{"access_token":"{{StandInToken}}","token_type":"Bearer","expires_in":3600}""", Encoding.UTF8, "application/json"),
            };
        return Task.FromResult(response);
    }
}
