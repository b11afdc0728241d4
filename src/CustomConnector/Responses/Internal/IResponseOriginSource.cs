namespace CustomConnector.Internal;

/// <summary>
/// Something that can describe the call a response came from when asked: the call's own descriptor, which
/// outlives the call anyway, so that an empty or error result keeps a reference to it instead of a boxed copy.
/// </summary>
internal interface IResponseOriginSource
{
    /// <summary>Describes the call as it stands (its attempts are over once a result holds it).</summary>
    ResponseOrigin ToOrigin();
}
