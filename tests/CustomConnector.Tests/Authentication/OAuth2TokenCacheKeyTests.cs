using CsCheck;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Authentication;

public sealed class OAuth2TokenCacheKeyTests
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789:;=&/ -_.%"], 1, 12];

    private static readonly Gen<Inputs> InputsGen =
        from host in Gen.String[Gen.Char['a', 'z'], 1, 8]
        from path in Gen.String[Gen.Char['a', 'z'], 0, 8]
        from clientId in Text
        from secret in Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/"], 16, 40]
        from scope in Text.Null()
        from parameters in Gen.Dictionary(Gen.String[Gen.Char['a', 'z'], 1, 6], Text)[0, 4]
        select new Inputs(new Uri($"https://{host}.test/{path}"), clientId, secret, scope, parameters);

    /// <summary>
    /// Every input that shapes the token changes the key (a cache that left out a tenant parameter has served one
    /// tenant's token to another), the order of the parameters does not, and neither the secret nor its hash appears.
    /// </summary>
    [Fact]
    public void Create_AnyInputChanges_ChangesTheKeyAndNeverShowsTheSecret()
    {
        InputsGen.Sample(
            inputs =>
            {
                var key = inputs.Key();
                Assert.StartsWith(OAuth2TokenCacheKey.Prefix, key, StringComparison.Ordinal);
                Assert.True(key.Length <= 100, key);
                Assert.DoesNotContain(inputs.Secret, key, StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(inputs.Secret))), key, StringComparison.OrdinalIgnoreCase);

                Assert.Equal(key, (inputs with { Parameters = inputs.Parameters.Reverse().ToDictionary() }).Key());
                Assert.NotEqual(key, (inputs with { Endpoint = new Uri(inputs.Endpoint, "other") }).Key());
                Assert.NotEqual(key, (inputs with { ClientId = inputs.ClientId + "x" }).Key());
                Assert.NotEqual(key, (inputs with { Secret = inputs.Secret + "x" }).Key());
                Assert.NotEqual(key, (inputs with { Scope = (inputs.Scope ?? string.Empty) + "x" }).Key());
                Assert.NotEqual(key, (inputs with { Parameters = new Dictionary<string, string>(inputs.Parameters) { ["zz-added"] = "1" } }).Key());
                foreach (var name in inputs.Parameters.Keys)
                {
                    Assert.NotEqual(key, (inputs with { Parameters = new Dictionary<string, string>(inputs.Parameters) { [name] = inputs.Parameters[name] + "x" } }).Key());
                    var without = new Dictionary<string, string>(inputs.Parameters);
                    without.Remove(name);
                    Assert.NotEqual(key, (inputs with { Parameters = without }).Key());
                }
            },
            iter: 2000);
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData("a;1:b", "", "a", "1:b")]
    public void Create_PartsThatWouldRunTogether_GiveDifferentKeys(string clientId1, string scope1, string clientId2, string scope2)
    {
        var endpoint = new Uri("https://auth.test/token");

        Assert.NotEqual(
            OAuth2TokenCacheKey.Create(endpoint, clientId1, "secret", scope1, []),
            OAuth2TokenCacheKey.Create(endpoint, clientId2, "secret", scope2, []));
    }

    [Fact]
    public void Create_TenantParameterDiffers_GivesDifferentKeys()
    {
        var endpoint = new Uri("https://auth.test/token");

        Assert.NotEqual(
            OAuth2TokenCacheKey.Create(endpoint, "client", "secret", null, [new("tenant", "contoso")]),
            OAuth2TokenCacheKey.Create(endpoint, "client", "secret", null, [new("tenant", "fabrikam")]));
    }

    private sealed record Inputs(Uri Endpoint, string ClientId, string Secret, string? Scope, Dictionary<string, string> Parameters)
    {
        public string Key() => OAuth2TokenCacheKey.Create(Endpoint, ClientId, Secret, Scope, Parameters);

        public override string ToString() => $"{Endpoint} {ClientId} {Scope} [{string.Join(", ", Parameters)}]";
    }
}
