namespace CustomConnector.Diagnostics;

/// <summary>What the hand-written loop deserializes a page into.</summary>
public sealed class ItemPage
{
    public Item[] Data { get; set; } = [];

    public PageMeta? Meta { get; set; }
}
