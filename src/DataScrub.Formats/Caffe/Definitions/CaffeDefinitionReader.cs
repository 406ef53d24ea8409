using DataScrub.Formats.Caffe.Proto;
using DataScrub.Formats.Caffe.TextFormat;
using Google.Protobuf;

namespace DataScrub.Formats.Caffe.Definitions;

/// <summary>
/// Reads a solver or net prototxt. A file is taken for whichever of SolverParameter and NetParameter knows more of its
/// fields (a solver read as a net has <c>base_lr</c>, <c>net</c>... unknown; a net read as a solver has <c>layer</c>):
/// Caffe users name these files freely, so the content decides.
/// </summary>
public static class CaffeDefinitionReader
{
    /// <summary>Larger than any real definition (CaffeNet's is 5 KB, a ResNet-152's 230 KB): a bound on what is read.</summary>
    public const long MaxBytes = 64L << 20;

    /// <exception cref="CaffeDefinitionException">The file cannot be read or parsed as either.</exception>
    public static CaffeDefinition Read(string path)
    {
        var text = ReadText(path);
        var (net, netError) = TryParse<NetParameter>(text, path);
        var (solver, solverError) = TryParse<SolverParameter>(text, path);
        if (net is null && solver is null)
            throw new CaffeDefinitionException((LooksLikeSolver(path) ? solverError : netError)!.Message);
        if (net is null) return new SolverDefinition(solver!);
        if (solver is null) return new NetDefinition(net);
        var netUnknown = net.UnknownFields.Count;
        var solverUnknown = solver.UnknownFields.Count;
        if (solverUnknown < netUnknown) return new SolverDefinition(solver);
        if (netUnknown < solverUnknown) return new NetDefinition(net);
        return net.Message.Layer.Count + net.Message.Layers.Count > 0 || !LooksLikeSolver(path) ? new NetDefinition(net) : new SolverDefinition(solver);
    }

    /// <exception cref="CaffeDefinitionException">The file cannot be read or parsed as a net.</exception>
    public static NetDefinition ReadNet(string path)
    {
        var (net, error) = TryParse<NetParameter>(ReadText(path), path);
        return net is null ? throw new CaffeDefinitionException(error!.Message) : new NetDefinition(net);
    }

    private static bool LooksLikeSolver(string path) => Path.GetFileName(path).Contains("solver", StringComparison.OrdinalIgnoreCase);

    private static (PrototxtDocument<T>?, TextFormatException?) TryParse<T>(string text, string path) where T : IMessage<T>, new()
    {
        try
        {
            var document = TextFormatParser.Parse<T>(text, path);
            return (new PrototxtDocument<T>(path, document.Message, document.Locations, document.UnknownFields), null);
        }
        catch (TextFormatException e)
        {
            return (null, e);
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path)) throw new CaffeDefinitionException($"{path}: a directory, not a prototxt file");
            if (!info.Exists) throw new CaffeDefinitionException($"{path}: no such file");
            if (info.Length > MaxBytes) throw new CaffeDefinitionException($"{path}: {info.Length:N0} bytes is not a Caffe definition (at most {MaxBytes >> 20} MB is read)");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaffeDefinitionException($"{path}: cannot be read: {DataScrub.Files.SystemError.Reason(e)}");
        }
    }
}
