namespace CustomConnector.Diagnostics;

/// <summary>A small record: <c>{"id":123456,"name":"record 123456"}</c>.</summary>
public sealed record Item(int Id, string Name);
