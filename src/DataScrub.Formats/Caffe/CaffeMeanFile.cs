using DataScrub.Analysis.Statistics;
using DataScrub.Formats.Caffe.Proto;
using DataScrub.Records;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe;

/// <summary>
/// Caffe mean files (<c>mean.binaryproto</c>): a serialized <c>BlobProto</c> of 1 x C x H x W floats.
/// Reads both the legacy num/channels/height/width fields (what <c>compute_image_mean</c> writes) and
/// the newer <c>shape</c>; writes the legacy form, as <c>compute_image_mean</c> does.
/// </summary>
public static class CaffeMeanFile
{
    /// <exception cref="DataScrubException">The file is missing or not a 1 x C x H x W BlobProto.</exception>
    public static MeanImage Read(string path)
    {
        BlobProto blob;
        try
        {
            blob = BlobProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidProtocolBufferException)
        {
            throw new DataScrubException($"{path}: not a readable Caffe mean file (BlobProto): {e.Message}");
        }
        var dims = blob.Shape is { Dim.Count: > 0 } shape ? shape.Dim.ToArray() : [blob.Num, blob.Channels, blob.Height, blob.Width];
        if (dims.Length == 3) dims = [1, .. dims];
        if (dims.Length != 4 || dims[0] != 1 || dims.Skip(1).Any(d => d < 1 || d > int.MaxValue))
            throw new DataScrubException($"{path}: a mean file is 1 x C x H x W, this one is {string.Join(" x ", dims)}");
        var meanShape = new DeclaredShape((int)dims[1], (int)dims[2], (int)dims[3]);
        var elements = (long)meanShape.Channels * meanShape.Height * meanShape.Width;
        var values = blob.Data.Count > 0 ? blob.Data.ToArray() : blob.DoubleData.Select(d => (float)d).ToArray();
        if (values.Length != elements)
            throw new DataScrubException($"{path}: the mean file declares {meanShape} = {elements} values but holds {values.Length}");
        return new MeanImage(meanShape, values, path);
    }

    /// <summary>Writes <paramref name="mean"/> beside <paramref name="path"/> and renames it into place.</summary>
    public static void Write(string path, MeanImage mean)
    {
        var blob = new BlobProto { Num = 1, Channels = mean.Shape.Channels, Height = mean.Shape.Height, Width = mean.Shape.Width };
        blob.Data.AddRange(mean.Values);
        try
        {
            Files.AtomicFile.Write(path, blob.WriteTo);
        }
        catch (Files.FileWriteException e)
        {
            throw new DataScrubException($"{path}: cannot write the mean file: {e.Reason}", e);
        }
    }
}
