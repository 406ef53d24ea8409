using DataScrub.Samples;

namespace DataScrub.Sharding;

/// <summary>
/// The state of an interrupted scan (<c>REPORT.state</c> beside its JSON report), from which <c>scan --resume REPORT</c>
/// continues: the scan's settings and datasets, and per dataset how far it got (not started, the units before
/// <see cref="Dataset.NextUnit"/>, or whole) with the <see cref="ShardResult"/> of each run that scanned part of it. The
/// parts are shards of the dataset in all but name (consecutive runs of units, each numbering its samples from 0), so
/// <see cref="ShardMerge"/> joins them into the report one scan gives. Little-endian binary, versioned by its first
/// line, ended by an XxHash64 of all before it, as <see cref="ShardStateFile"/>.
/// </summary>
public static class ResumeStateFile
{
    /// <summary>The file's first bytes: its format and version.</summary>
    public const string Magic = "datascrub-resume/1\n";

    /// <param name="Settings">What the scan judged with, as command-line words (a resumed scan must give the same).</param>
    /// <param name="Paths">The datasets, as the command line named them.</param>
    public sealed record Header(string Version, IReadOnlyList<string> Settings, IReadOnlyList<string> Paths);

    /// <summary>One part of a dataset: a run's <see cref="ShardResult"/> (written now), or the bytes of one an earlier
    /// run wrote (copied as they are).</summary>
    public abstract record Part;

    /// <summary>A part this run scanned.</summary>
    public sealed record ScannedPart(ShardResult Result) : Part;

    /// <summary>A part an earlier state file holds, at <paramref name="Offset"/> for <paramref name="Length"/> bytes.</summary>
    public sealed record SavedPart(Stream Source, long Offset, long Length) : Part;

    /// <summary>One dataset: unreadable (<paramref name="Error"/>), not started (<paramref name="Info"/> null), or scanned
    /// in <paramref name="Parts"/> up to <paramref name="NextUnit"/> (<paramref name="Complete"/>: to its end).</summary>
    public sealed record Dataset(string Path, string? Error, DatasetInfo? Info, bool Complete, long NextUnit, IReadOnlyList<Part> Parts);

    /// <param name="stream">Empty, readable and seekable: the checksum is computed over what was written.</param>
    /// <param name="checksum">False writes a trailer of zeros: for a state read back only by the process that wrote it
    /// (<see cref="ReadHeader"/> with verify false), never one kept for a resume.</param>
    public static void Write(Stream stream, Header header, IReadOnlyList<Dataset> datasets, bool checksum = true)
    {
        if (!stream.CanRead || !stream.CanSeek || stream.Length != 0)
            throw new ArgumentException("a resume state file is written to an empty, readable and seekable stream", nameof(stream));
        using var writer = new ShardStateWriter(stream);
        writer.Flush();
        stream.Write(System.Text.Encoding.ASCII.GetBytes(Magic));
        writer.Write(header.Version);
        writer.Write(header.Settings.Count);
        foreach (var word in header.Settings) writer.Write(word);
        writer.Write(datasets.Count);
        foreach (var dataset in datasets)
        {
            writer.Write(dataset.Path);
            writer.Write(dataset.Error);
            if (dataset.Error is not null) continue;
            writer.Write(dataset.Info is not null);
            if (dataset.Info is null) continue;
            ShardStateFile.WriteInfo(writer, dataset.Info);
            writer.Write(dataset.Complete);
            writer.Write(dataset.NextUnit);
            writer.Write(dataset.Parts.Count);
            foreach (var part in dataset.Parts) WritePart(writer, part);
        }
        writer.Flush();
        if (checksum) ShardStateFile.AppendChecksum(stream);
        else stream.Write(stackalloc byte[ShardStateFile.ChecksumLength]);
    }

    /// <summary>A part's length, then its bytes.</summary>
    private static void WritePart(ShardStateWriter writer, Part part)
    {
        var stream = writer.Stream;
        switch (part)
        {
            case SavedPart saved:
                writer.Write(saved.Length);
                writer.Flush();
                saved.Source.Position = saved.Offset;
                CopyExactly(saved.Source, stream, saved.Length);
                break;
            case ScannedPart scanned:
                writer.Flush();
                var lengthAt = stream.Position;
                writer.Write(0L);
                scanned.Result.Write(writer);
                writer.Flush();
                var end = stream.Position;
                stream.Position = lengthAt;
                writer.Write(end - lengthAt - sizeof(long));
                writer.Flush();
                stream.Position = end;
                break;
            default:
                throw new ArgumentException($"unknown part {part.GetType().Name}", nameof(part));
        }
    }

    private static void CopyExactly(Stream from, Stream to, long length)
    {
        var buffer = new byte[1 << 16];
        while (length > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read == 0) throw new EndOfStreamException("the earlier state file ended inside a part");
            to.Write(buffer, 0, read);
            length -= read;
        }
    }

    /// <summary>Checks the magic and the checksum and reads the header; the reader is then at the first dataset (<see cref="ReadDataset"/>).</summary>
    /// <exception cref="ShardStateException">Not a resume state file, or damaged.</exception>
    /// <param name="verify">False only for a file this process wrote a moment ago without a checksum (see <see cref="Write"/>).</param>
    public static Header ReadHeader(ShardStateReader reader, bool verify = true)
    {
        var magic = new byte[Magic.Length];
        if (reader.Stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length
            || System.Text.Encoding.ASCII.GetString(magic) != Magic)
            throw new ShardStateException(reader.Path, $"not the state of an interrupted DataScrub scan (it does not start with '{Magic.TrimEnd()}')");
        if (verify) ShardStateFile.VerifyChecksum(reader);
        var version = reader.ReadString();
        var words = new string[reader.ReadCount()];
        for (var i = 0; i < words.Length; i++) words[i] = reader.ReadString();
        // The datasets' paths come first in a pass of their own, so that a resume compares them before it reads any part.
        var start = reader.Stream.Position;
        var paths = new List<string>();
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++) paths.Add(ReadDataset(reader).Path);
        reader.Stream.Position = start;
        return new Header(version, words, paths);
    }

    /// <summary>The datasets after <see cref="ReadHeader"/>, each with its parts as <see cref="SavedPart"/>s of the reader's
    /// stream (<see cref="Parts"/> reads them).</summary>
    public static IReadOnlyList<Dataset> ReadDatasets(ShardStateReader reader)
    {
        var count = reader.ReadCount();
        var datasets = new List<Dataset>(count);
        for (var i = 0; i < count; i++) datasets.Add(ReadDataset(reader));
        return datasets;
    }

    private static Dataset ReadDataset(ShardStateReader reader)
    {
        var path = reader.ReadString();
        var error = reader.ReadNullableString();
        if (error is not null) return new Dataset(path, error, null, false, 0, []);
        if (!reader.ReadBoolean()) return new Dataset(path, null, null, false, 0, []);
        var info = ShardStateFile.ReadInfo(reader, path);
        var complete = reader.ReadBoolean();
        var nextUnit = reader.ReadInt64();
        if (nextUnit < 0 || nextUnit > info.Units) throw reader.Damaged($"the next unit {nextUnit} is not one of {info.Units}");
        var parts = new Part[reader.ReadCount(8)];
        var stream = reader.Stream;
        for (var p = 0; p < parts.Length; p++)
        {
            var length = reader.ReadInt64();
            if (length < 0 || length > stream.Length - stream.Position) throw reader.Damaged($"a part of {length} bytes does not fit in the file");
            parts[p] = new SavedPart(stream, stream.Position, length);
            stream.Position += length;
        }
        return new Dataset(path, null, info, complete, nextUnit, parts);
    }

    /// <summary>The reader at each of <paramref name="parts"/> in turn, for <see cref="ShardMerge.Merge"/>.</summary>
    public static IEnumerable<ShardStateReader> Parts(ShardStateReader reader, IReadOnlyList<Part> parts)
    {
        foreach (var part in parts)
        {
            if (part is not SavedPart saved || saved.Source != reader.Stream) throw new ArgumentException("the parts are read from the reader's file", nameof(parts));
            reader.Stream.Position = saved.Offset;
            yield return reader;
            if (reader.Stream.Position != saved.Offset + saved.Length) throw reader.Damaged("a part's state does not fill its bytes");
        }
    }
}
