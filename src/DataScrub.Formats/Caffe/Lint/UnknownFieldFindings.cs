using DataScrub.Findings;
using DataScrub.Formats.Caffe.Definitions;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe.Lint;

/// <summary><c>unknown-field</c>: the fields of a prototxt that BVLC Caffe's caffe.proto lacks (a fork's layer
/// parameters): the parser skipped them, so what they configure was not checked.</summary>
public static class UnknownFieldFindings
{
    public static IEnumerable<Finding> Of<T>(PrototxtDocument<T> document) where T : IMessage<T> =>
        document.UnknownFields.Select(u => DefinitionFinding.At(FindingKinds.UnknownField, document.Path, u.Position.Line, u.Name,
            $"'{u.Name}' is not a field of {u.MessageType} in BVLC Caffe (a fork's?): skipped, and not checked"));
}
