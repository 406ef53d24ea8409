using System.Runtime.InteropServices;
using DataScrub.Analysis.Statistics;
using DataScrub.Images.Decoding;
using DataScrub.Samples;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// Decodes TIFFs with the system's libtiff, reading the bytes from memory. Every page's structure is checked (its
/// directory reads, its strips or tiles lie inside the file) and the first page is decoded completely, strip by strip
/// or tile by tile into one scratch buffer, as PIL's <c>load()</c> and <c>cv::imread</c> decode only the first page.
/// Thread-safe: each call opens its own handle, with its own file state and message capture.
/// </summary>
public sealed unsafe class LibTiffDecoder : IImageDecoder
{
    // libtiff's own allocations (strip arrays, codec state) above this are refused: only a damaged directory asks for
    // more, since strip data is mapped, not copied, and pixels go to the decoder's own scratch buffer.
    private const long MaxLibTiffAllocation = 256L << 20;
    // A page of up to MaxPixels pixels with this many samples of its bit depth bounds one strip or tile; more is a
    // damaged header (65535 samples per pixel, a tile far larger than the image), refused before allocating.
    private const int MaxPlausibleSamples = 8;
    // Chunks between deadline checks while checking a page's strip offsets (a cheap loop, but a page may have millions).
    private const int StrileCheckStride = 4096;

    private static readonly Lazy<LibTiffDecoder?> Loaded = new(
        () => LibTiffLibrary.Instance is { } library ? new LibTiffDecoder(library) : null,
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LibTiffLibrary library;
    private readonly bool useOpenOptions;

    public LibTiffDecoder(LibTiffLibrary library)
        : this(library, library.HasOpenOptions)
    {
    }

    /// <param name="useOpenOptions">False: open with plain <c>TIFFClientOpen</c> and capture messages through the
    /// process-wide handlers, as with a libtiff older than 4.5 (tests run that path on a newer one).</param>
    internal LibTiffDecoder(LibTiffLibrary library, bool useOpenOptions)
    {
        this.library = library;
        this.useOpenOptions = useOpenOptions && library.HasOpenOptions;
        Name = $"libtiff {library.VersionNumber}";
    }

    /// <summary>The decoder over the process's libtiff, or null when libtiff is absent.</summary>
    public static LibTiffDecoder? Instance => Loaded.Value;

    public ImageContainer Container => ImageContainer.Tiff;

    /// <summary>"libtiff 4.5.0".</summary>
    public string Name { get; }

    public DecodeResult Decode(ReadOnlySpan<byte> data, in DecodeRequest request)
    {
        if (data.IsEmpty) return DecodeResult.Failed(DecodeVerdict.Truncated, "libtiff: the file is empty");
        var messages = new LibTiffMessages();
        var messagesHandle = GCHandle.Alloc(messages);
        using var attached = messages.Attach();
        nint options = 0, tiff = 0;
        try
        {
            fixed (byte* bytes = data)
            {
                var file = new LibTiffMemoryFile(bytes, data.Length, request.Deadline);
                tiff = Open(&file, GCHandle.ToIntPtr(messagesHandle), out options);
                if (tiff == 0) return OpenFailed(data, &file, messages);
                return new Session(library, tiff, data, &file, messages).Run(request);
            }
        }
        finally
        {
            if (tiff != 0) library.Close(tiff);
            if (options != 0) library.OpenOptionsFree(options);
            messagesHandle.Free();
        }
    }

    private nint Open(LibTiffMemoryFile* file, nint messages, out nint options)
    {
        options = 0;
        var name = "memory\0"u8;
        // "r": read-only, mapped (the map callback hands libtiff the bytes themselves).
        var mode = "r\0"u8;
        fixed (byte* namePointer = name)
        fixed (byte* modePointer = mode)
        {
            if (!useOpenOptions)
                return library.ClientOpen(namePointer, modePointer, (nint)file,
                    (nint)LibTiffMemoryFile.ReadProc, (nint)LibTiffMemoryFile.WriteProc, (nint)LibTiffMemoryFile.SeekProc,
                    (nint)LibTiffMemoryFile.CloseProc, (nint)LibTiffMemoryFile.SizeProc, (nint)LibTiffMemoryFile.MapProc,
                    (nint)LibTiffMemoryFile.UnmapProc);
            options = library.OpenOptionsAlloc();
            if (options == 0) throw new OutOfMemoryException("TIFFOpenOptionsAlloc failed");
            library.OpenOptionsSetMaxSingleMemAlloc(options, MaxLibTiffAllocation);
            library.OpenOptionsSetErrorHandlerExtR(options, (nint)LibTiffMessages.HandleErrorHandler, messages);
            library.OpenOptionsSetWarningHandlerExtR(options, (nint)LibTiffMessages.HandleWarningHandler, messages);
            return library.ClientOpenExt(namePointer, modePointer, (nint)file,
                (nint)LibTiffMemoryFile.ReadProc, (nint)LibTiffMemoryFile.WriteProc, (nint)LibTiffMemoryFile.SeekProc,
                (nint)LibTiffMemoryFile.CloseProc, (nint)LibTiffMemoryFile.SizeProc, (nint)LibTiffMemoryFile.MapProc,
                (nint)LibTiffMemoryFile.UnmapProc, options);
        }
    }

    private static DecodeResult OpenFailed(ReadOnlySpan<byte> data, LibTiffMemoryFile* file, LibTiffMessages messages)
    {
        if (file->TimedOut != 0)
            return DecodeResult.Failed(DecodeVerdict.TimedOut, "libtiff: stopped reading the first directory: over the time limit", pages: 0);
        if (TiffDirectoryBounds.DescribeCutBeforeFirstDirectory(data) is { } cut)
            return DecodeResult.Failed(DecodeVerdict.Truncated, $"libtiff: {cut}", pages: 0);
        if (messages.UnsupportedSince(0) is { } unsupported)
            return DecodeResult.Failed(DecodeVerdict.Unsupported, $"libtiff: {unsupported}", pages: 0);
        return DecodeResult.Failed(DecodeVerdict.Corrupt, $"libtiff: {messages.ExplanationSince(0) ?? "TIFFClientOpen failed without a message"}", pages: 0);
    }

    /// <summary>One open file: the structure walk, then the first page's decode.</summary>
    private readonly ref struct Session(LibTiffLibrary library, nint tiff, ReadOnlySpan<byte> data, LibTiffMemoryFile* file, LibTiffMessages messages)
    {
        private readonly ReadOnlySpan<byte> data = data;

        public DecodeResult Run(in DecodeRequest request)
        {
            var pages = 0;
            string? laterPages = null;
            if (CheckEveryPage(request, ref pages, ref laterPages) is { } structureFailure) return structureFailure;
            var mark = messages.Count;
            if (library.SetDirectory(tiff, 0) == 0)
                return Fail(DecodeVerdict.Corrupt, $"page 1 could not be read again: {messages.FirstSince(mark) ?? "TIFFSetDirectory(0) failed"}", pages);
            var page = LibTiffPage.Read(library, tiff);
            if (page.Width == 0 || page.Height == 0)
                return Fail(DecodeVerdict.Corrupt, $"page 1 declares an empty {page.Width}x{page.Height} image", pages);
            if (page.Pixels > request.MaxPixels)
                return Fail(DecodeVerdict.TooLarge,
                    $"{page.Width}x{page.Height} = {page.Pixels} pixels, above the limit of {request.MaxPixels} (--max-pixels); not decoded", pages, page);
            if (library.IsCodecConfigured(page.Compression) == 0)
            {
                if (library.CodecName(page.Compression) is { } codec)
                    return Fail(DecodeVerdict.Unsupported, $"libtiff was built without the {codec} codec (compression {page.Compression})", pages, page);
                if (TiffCompressionSchemes.NameOf(page.Compression) is { } scheme)
                    return Fail(DecodeVerdict.Unsupported, $"this libtiff has no {scheme} codec (compression {page.Compression})", pages, page);
                return Fail(DecodeVerdict.Corrupt, $"page 1 declares compression {page.Compression}, which is no TIFF compression scheme", pages, page);
            }
            var decoded = DecodeFirstPage(request, page, pages);
            return decoded.Verdict == DecodeVerdict.Decoded ? decoded with { LaterPagesProblem = laterPages } : decoded;
        }

        /// <summary>Walks every directory, checking that each reads and that its strips or tiles lie inside the file;
        /// <paramref name="pages"/> counts the directories read. Damage on page 1 fails the file; damage on a later page
        /// stops the walk there and is <paramref name="laterPages"/>: cv::imread and PIL's <c>load()</c> read page 1 only.</summary>
        private DecodeResult? CheckEveryPage(in DecodeRequest request, ref int pages, ref string? laterPages)
        {
            while (true)
            {
                pages++;
                if (request.TimeIsUp)
                    return Fail(DecodeVerdict.TimedOut, $"stopped checking the pages at page {pages}: over the time limit", pages - 1);
                if (CheckChunksInsideFile(request, pages) is { } failure)
                {
                    if (pages == 1 || failure.Verdict == DecodeVerdict.TimedOut) return failure;
                    laterPages = failure.Message!["libtiff: ".Length..];
                    return null;
                }
                if (library.LastDirectory(tiff) != 0) return null;
                var next = TiffDirectoryBounds.NextDirectoryOffset(data, library.CurrentDirOffset(tiff));
                var mark = messages.Count;
                // libtiff detects a directory chain that loops back and stops there without an error (4.5), so each
                // page is counted once, as PIL counts its frames.
                if (library.ReadDirectory(tiff) != 0) continue;
                if (file->TimedOut != 0)
                    return Fail(DecodeVerdict.TimedOut, $"stopped reading page {pages + 1}'s directory: over the time limit", pages);
                // Page 1 has been read: a later directory that is cut or damaged is damage to a page no trainer reads.
                if (next is { } offset && TiffDirectoryBounds.DescribeCutDirectory(data, offset, pages + 1) is { } cut)
                    laterPages = cut;
                else if (messages.FirstSince(mark) is { } message)
                    laterPages = $"page {pages + 1}: {message}";
                return null;
            }
        }

        private DecodeResult? CheckChunksInsideFile(in DecodeRequest request, int page)
        {
            var tiled = library.IsTiled(tiff) != 0;
            var kind = tiled ? "tile" : "strip";
            var count = tiled ? library.NumberOfTiles(tiff) : library.NumberOfStrips(tiff);
            var length = (ulong)data.Length;
            var mark = messages.Count;
            for (uint chunk = 0; chunk < count; chunk++)
            {
                if (chunk % StrileCheckStride == 0 && request.TimeIsUp)
                    return Fail(DecodeVerdict.TimedOut, $"stopped checking page {page}'s {kind}s after {chunk} of {count}: over the time limit", page);
                int offsetError = 0, countError = 0;
                var offset = library.GetStrileOffsetWithErr(tiff, chunk, &offsetError);
                var byteCount = library.GetStrileByteCountWithErr(tiff, chunk, &countError);
                if (offsetError != 0 || countError != 0)
                    return Fail(DecodeVerdict.Corrupt,
                        $"page {page}: the offset or byte count of {kind} {chunk} could not be read: {messages.FirstSince(mark) ?? "no message"}", page);
                if (byteCount > length || offset > length - byteCount)
                    return Fail(DecodeVerdict.Truncated,
                        $"page {page}: {kind} {chunk} ends at byte {(UInt128)offset + byteCount}, past the end of the {length}-byte file", page);
            }
            return null;
        }

        private DecodeResult DecodeFirstPage(in DecodeRequest request, LibTiffPage page, int pages)
        {
            var count = page.Tiled ? library.NumberOfTiles(tiff) : library.NumberOfStrips(tiff);
            var mark = messages.Count;
            var chunkSize = page.Tiled ? library.TileSize64(tiff) : library.StripSize64(tiff);
            if (chunkSize == 0)
                return Fail(DecodeVerdict.Corrupt, $"page 1: its {page.Chunk} size cannot be computed: {messages.FirstSince(mark) ?? "libtiff says 0 bytes"}", pages, page);
            var bytesPerSample = Math.Max(1, (page.BitsPerSample + 7) / 8);
            var bound = (UInt128)(ulong)request.MaxPixels * (ulong)(Math.Min(page.SamplesPerPixel, (ushort)MaxPlausibleSamples) * bytesPerSample);
            if (chunkSize > bound || chunkSize > long.MaxValue)
                return Fail(DecodeVerdict.Corrupt,
                    $"page 1: a {page.Chunk} of {chunkSize} bytes ({page.SamplesPerPixel} samples of {page.BitsPerSample} bits per pixel) is more than any "
                    + $"image within the pixel limit needs", pages, page);

            var momentChannels = request.Moments is { } wanted && wanted.Length >= page.MomentChannels ? page.MomentChannels : 0;
            Span<RunningMoments> moments = stackalloc RunningMoments[Math.Max(momentChannels, 1)];
            moments.Clear();

            using (var scratch = new PixelScratch((long)chunkSize))
            {
                for (uint chunk = 0; chunk < count; chunk++)
                {
                    if (request.TimeIsUp)
                        return Fail(DecodeVerdict.TimedOut, $"decoding stopped after {chunk} of {count} {page.Chunk}s: over the time limit", pages, page);
                    mark = messages.Count;
                    var decoded = page.Tiled
                        ? library.ReadEncodedTile(tiff, chunk, scratch.Pointer, (nint)chunkSize)
                        : library.ReadEncodedStrip(tiff, chunk, scratch.Pointer, (nint)chunkSize);
                    // Only the return value decides: a codec may report an error and still return the strip
                    // (Fax3/Fax4Decode: "Bad code word", the rest of the line filled), and PIL's load() then
                    // returns the image too.
                    if (decoded < 0) return ChunkFailed(page, chunk, count, mark, pages);
                    if (momentChannels > 0)
                        AddMoments(page, chunk, scratch.Span(decoded), momentChannels, moments);
                }
            }
            if (momentChannels > 0) moments[..momentChannels].CopyTo(request.Moments);
            return DecodeResult.Decoded((int)page.Width, (int)page.Height, page.Channels, pages, momentChannels);
        }

        private DecodeResult ChunkFailed(LibTiffPage page, uint chunk, uint count, int mark, int pages)
        {
            if (file->TimedOut != 0)
                return Fail(DecodeVerdict.TimedOut, $"decoding stopped after {chunk} of {count} {page.Chunk}s: over the time limit", pages, page);
            if (messages.UnsupportedSince(mark) is { } unsupported)
                return Fail(DecodeVerdict.Unsupported, $"page 1: {page.Chunk} {chunk}: {unsupported}", pages, page);
            return Fail(DecodeVerdict.Corrupt, $"page 1: {page.Chunk} {chunk} of {count}: {messages.ExplanationSince(mark) ?? "libtiff could not decode it"}", pages, page);
        }

        /// <summary>Adds one decoded chunk's pixels; for an edge tile only the part inside the image.</summary>
        private static void AddMoments(LibTiffPage page, uint chunk, ReadOnlySpan<byte> pixels, int channels, Span<RunningMoments> into)
        {
            var samples = page.SamplesPerPixel;
            Span<RunningMoments> chunkMoments = stackalloc RunningMoments[samples];
            if (!page.Tiled)
            {
                RunningMoments.OfInterleaved(pixels, chunkMoments);
                Merge(chunkMoments, channels, into);
                return;
            }
            var across = (page.Width + page.TileWidth - 1) / page.TileWidth;
            var left = chunk % across * page.TileWidth;
            var top = chunk / across * page.TileHeight;
            var columns = (int)Math.Min(page.TileWidth, page.Width - left);
            var rows = (int)Math.Min(page.TileHeight, page.Height - top);
            var stride = (int)page.TileWidth * samples;
            for (var row = 0; row < rows; row++)
            {
                RunningMoments.OfInterleaved(pixels.Slice(row * stride, columns * samples), chunkMoments);
                Merge(chunkMoments, channels, into);
            }
        }

        private static void Merge(ReadOnlySpan<RunningMoments> chunk, int channels, Span<RunningMoments> into)
        {
            for (var channel = 0; channel < channels; channel++)
                into[channel] = into[channel].Merge(chunk[channel]);
        }

        private static DecodeResult Fail(DecodeVerdict verdict, string message, int pages, LibTiffPage page = default) =>
            DecodeResult.Failed(verdict, $"libtiff: {message}", (int)Math.Min(page.Width, int.MaxValue), (int)Math.Min(page.Height, int.MaxValue),
                page.Width == 0 ? 0 : page.Channels, pages);
    }
}
