using CustomConnector.Internal;

namespace CustomConnector.Tests.Responses;

/// <summary>One cache for every mode's metadata: built once per payload metadata and envelope shape, then reused.</summary>
public sealed class EnvelopeTypeInfoCacheTests
{
    [Fact]
    public void Get_SameTypeInfoAndShape_ReturnsTheSameMetadata()
    {
        var envelope = new ConnectorEnvelopeOptions();

        var first = EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, envelope);
        var second = EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions());

        Assert.Same(first, second);
        Assert.True(first.IsReadOnly);
    }

    [Fact]
    public void Get_OtherShapeOrValues_ReturnsOtherMetadata()
    {
        var plain = EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions());
        var renamed = EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions { DataProperty = "items" });
        var withValues = EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions(), withValues: true);

        Assert.NotSame(plain, renamed);
        Assert.NotSame(plain, withValues);
        Assert.Same(withValues, EnvelopeTypeInfoCache.Get(TestJsonContext.Default.Wing, new ConnectorEnvelopeOptions(), withValues: true));
    }

    [Fact]
    public void GetList_SameItemTypeInfo_ReturnsTheSameListMetadata()
    {
        var list = EnvelopeTypeInfoCache.GetList(TestJsonContext.Default.Int32);

        Assert.Same(list, EnvelopeTypeInfoCache.GetList(TestJsonContext.Default.Int32));
        Assert.Equal(typeof(List<int>), list.Type);
    }
}
