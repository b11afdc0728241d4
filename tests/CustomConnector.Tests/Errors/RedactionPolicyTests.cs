using System.Globalization;
using System.Text;
using CsCheck;
using CustomConnector.Internal;

namespace CustomConnector.Tests.Errors;

/// <summary>The one redaction policy: which names it knows, what it drops, and that no encoding of a secret gets through.</summary>
public sealed class RedactionPolicyTests
{
    private const string CustomName = "session id";
    private const string ApiKeyName = "sk_live";

    private static readonly string[] KeptParameters = ["page=2", "sort=name", "q=hello%20world", "filter=a%2Bb"];

    private static readonly RedactionPolicy Policy = RedactionPolicy.Create(
        [.. RedactionPolicy.Default.Names, CustomName],
        [ApiKeyName]);

    [Theory]
    [InlineData("code")]
    [InlineData("subscription-key")]
    [InlineData("X-Amz-Signature")]
    [InlineData("X-Amz-Credential")]
    [InlineData("X-Amz-Security-Token")]
    [InlineData("X-Goog-Signature")]
    [InlineData("X-Goog-Credential")]
    [InlineData("access-token")]
    [InlineData("auth")]
    [InlineData("x-amz-signature")]
    [InlineData("SUBSCRIPTION%2DKEY")]
    public void Default_ServiceSecretNames_AreRedacted(string name)
    {
        var redacted = RedactionPolicy.Default.Redact(new Uri($"https://h.test/f?{name}=s3cret&page=2"));

        Assert.EndsWith("=REDACTED&page=2", redacted.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", redacted.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_AbsoluteUriWithUserInfoAndFragment_DropsBoth()
    {
        var redacted = RedactionPolicy.Default.Redact(new Uri("https://user:pa55@h.test:8443/f?page=2#access_token=s3cret"));

        Assert.Equal("https://h.test:8443/f?page=2", redacted.AbsoluteUri);
    }

    [Fact]
    public void Redact_RawTextThatIsNoUri_RedactsWhatItCan()
    {
        var redacted = RedactionPolicy.Default.Redact("ht!tp://us er:pa55@h .test/{id}?code=ab cd&page=2#frag");

        Assert.Equal("ht!tp://h .test/{id}?code=REDACTED&page=2", redacted);
    }

    [Fact]
    public void Redact_SemicolonSeparatedQuery_RedactsTheNameAfterTheSemicolonAndASemicolonInsideAValue()
    {
        Assert.Equal("/f?a=1;token=REDACTED&page=2", RedactionPolicy.Default.Redact("/f?a=1;token=s3cret;more&page=2"));
        Assert.Equal("/f?token=REDACTED&page=2", RedactionPolicy.Default.Redact("/f?token=ab;cd&page=2"));
    }

    [Fact]
    public void Redact_NothingToRedact_ReturnsTheSameInstance()
    {
        var uri = new Uri("https://h.test/f?page=2&sort=name");
        const string text = "wings/{id}?page=2";

        Assert.Same(uri, RedactionPolicy.Default.Redact(uri));
        Assert.Same(text, RedactionPolicy.Default.Redact(text));
    }

    [Fact]
    public void Create_CredentialNames_AreSensitive()
    {
        var policy = RedactionPolicy.Create(null, ["sk", string.Empty]);

        Assert.True(policy.IsSensitive("SK"));
        Assert.DoesNotContain(string.Empty, policy.Names);
        Assert.True(policy.IsSensitive("code"));
    }

    [Fact]
    public void With_NamesItHasAlready_ReturnsTheSameInstance()
    {
        var policy = RedactionPolicy.Create(null, ["sk"]);

        Assert.Same(policy, policy.With(["SK", string.Empty]));
        Assert.Same(policy, policy.With([]));
        Assert.True(policy.With(["ep_key"]).IsSensitive("ep%5Fkey"));
        Assert.False(policy.IsSensitive("ep_key"));
    }

    /// <summary>
    /// Any sensitive name (a default, a custom one, a query API key's), written in any case and
    /// encoding, holding a secret in any position and encoding, in user info or the fragment too:
    /// the redacted text never holds the secret, raw, percent-encoded or with '+' for space, and the
    /// other parameters survive.
    /// </summary>
    [Fact]
    public void Redact_SecretsUnderSensitiveNamesInAnyPositionAndEncoding_NeverShowsTheSecret()
    {
        UriCase.Generator.Sample(
            @case =>
            {
                foreach (var (form, text, keepsEscapes) in @case.Redactions())
                {
                    foreach (var secretForm in @case.SecretForms())
                    {
                        Assert.False(text.Contains(secretForm, StringComparison.OrdinalIgnoreCase), $"{form} of '{@case.Text}' shows the secret as '{secretForm}': {text}");
                    }

                    foreach (var kept in keepsEscapes ? @case.Kept : [])
                    {
                        Assert.True(text.Contains(kept, StringComparison.Ordinal), $"{form} of '{@case.Text}' lost '{kept}': {text}");
                    }
                }
            },
            iter: 3000);
    }

    private sealed record UriCase(string Text, string Secret, string[] Kept, bool Parses)
    {
        private const string SecretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/= -_.~!*'();:@$,&#%";

        private static readonly string[] Names = [.. RedactionPolicy.Default.Names, CustomName, ApiKeyName];

        public static Gen<UriCase> Generator { get; } =
            from secretTail in Gen.String[Gen.Char[SecretAlphabet], 6, 16]
            from nameIndex in Gen.Int[0, Names.Length - 1]
            from caseSeed in Gen.Int
            from nameEncoding in Gen.Int[0, 3]
            from valueEncoding in Gen.Int[0, 4]
            from copies in Gen.Int[1, 3]
            from keptCount in Gen.Int[0, KeptParameters.Length]
            from positions in Gen.Int[0, 4].Array[3]
            from userInfo in Gen.Bool
            from fragment in Gen.Int[0, 2]
            from relative in Gen.Bool
            select Build("Zq" + secretTail, Names[nameIndex], caseSeed, nameEncoding, valueEncoding, copies, keptCount, positions, userInfo, fragment, relative);

        /// <summary>Every way the secret could show: as generated, percent-encoded (either hex case), and form-encoded.</summary>
        public IEnumerable<string> SecretForms()
        {
            yield return Secret;
            yield return Uri.EscapeDataString(Secret);
            yield return Secret.Replace(' ', '+');
            yield return FormEncode(Secret);
            yield return Uri.EscapeDataString(Secret).ToLowerInvariant();
        }

        /// <summary>The redacted forms; Uri.ToString() unescapes, so only the others must keep parameters byte for byte.</summary>
        public IEnumerable<(string Form, string Text, bool KeepsEscapes)> Redactions()
        {
            yield return ("raw text", Policy.Redact(Text), true);
            if (Parses && Uri.TryCreate(Text, IsRelative ? UriKind.Relative : UriKind.Absolute, out var uri))
            {
                var redacted = Policy.Redact(uri);
                yield return ("Uri.ToString()", redacted.ToString(), false);
                yield return ("Uri.OriginalString", redacted.OriginalString, true);
                if (redacted.IsAbsoluteUri)
                {
                    yield return ("Uri.AbsoluteUri", redacted.AbsoluteUri, true);
                }
            }
        }

        private bool IsRelative => !Text.StartsWith("https://", StringComparison.Ordinal);

        private static UriCase Build(string secret, string name, int caseSeed, int nameEncoding, int valueEncoding, int copies, int keptCount, int[] positions, bool userInfo, int fragment, bool relative)
        {
            var writtenName = EncodeName(MixCase(name, caseSeed), nameEncoding);
            var needsEscape = secret.AsSpan().IndexOfAny("&#% ") >= 0;
            var value = valueEncoding switch
            {
                0 when !needsEscape => secret,
                1 => FormEncode(secret),
                2 => Uri.EscapeDataString(secret).ToLowerInvariant(),
                3 => PercentEncodeAll(secret),
                _ => Uri.EscapeDataString(secret),
            };

            var parameters = new List<string>(KeptParameters[..keptCount]);
            for (var i = 0; i < copies; i++)
            {
                parameters.Insert(Math.Min(positions[i], parameters.Count), $"{writtenName}={value}");
            }

            var text = new StringBuilder(relative ? "/v1/files" : "https://");
            if (!relative)
            {
                if (userInfo)
                {
                    text.Append("svc:").Append(Uri.EscapeDataString(secret)).Append('@');
                }

                text.Append("api.test/v1/files");
            }

            text.Append('?').AppendJoin('&', parameters);
            text.Append(fragment switch
            {
                1 => "#" + Uri.EscapeDataString(secret),
                2 => "#access_token=" + secret,
                _ => string.Empty,
            });

            // A raw value or fragment with characters a URI cannot hold is still text a message may quote.
            var parses = !(valueEncoding == 0 && needsEscape);
            return new UriCase(text.ToString(), secret, parameters.Where(p => Array.IndexOf(KeptParameters, p) >= 0).ToArray(), parses);
        }

        private static string MixCase(string name, int seed)
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = ((seed >> (i % 31)) & 1) == 1 ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            }

            return new string(chars);
        }

        private static string EncodeName(string name, int encoding) => encoding switch
        {
            0 => name.Replace(" ", "%20", StringComparison.Ordinal),
            1 => PercentEncodeAll(name),
            2 => name.Replace(' ', '+'),
            _ => Uri.EscapeDataString(name).Replace("_", "%5F", StringComparison.Ordinal).Replace("-", "%2d", StringComparison.Ordinal),
        };

        private static string PercentEncodeAll(string text)
        {
            var builder = new StringBuilder(text.Length * 3);
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        private static string FormEncode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
    }
}
