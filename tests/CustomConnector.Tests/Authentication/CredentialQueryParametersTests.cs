using CustomConnector.Internal;

namespace CustomConnector.Tests.Authentication;

/// <summary>The authentication layer hands a provider's query names to the redaction policy, which knows no provider.</summary>
public sealed class CredentialQueryParametersTests
{
    [Fact]
    public void With_QueryApiKeyProvider_AddsItsName()
    {
        var policy = RedactionPolicy.Default.With(new ApiKeyProvider("ep_key", "k", ApiKeyLocation.Query));

        Assert.True(policy.IsSensitive("ep%5Fkey"));
        Assert.False(RedactionPolicy.Default.IsSensitive("ep_key"));
    }

    [Fact]
    public void With_ProviderWithoutQueryNamesOrNone_ReturnsTheSamePolicy()
    {
        var policy = RedactionPolicy.Create(null, ["sk"]);

        Assert.Same(policy, policy.With(new ApiKeyProvider("X-Header", "k")));
        Assert.Same(policy, policy.With(new ApiKeyProvider("SK", "other", ApiKeyLocation.Query)));
        Assert.Same(policy, policy.With((IAuthenticationHeaderProvider?)null));
        Assert.False(policy.With(new ApiKeyProvider("X-Header", "k")).IsSensitive("X-Header"));
    }
}
