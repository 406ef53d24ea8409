using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// The messages libtiff reports while one file is decoded. With libtiff 4.5+ they arrive through handlers set
/// on that file's own handle (open options), so concurrent decodes never see each other's messages; older libtiffs
/// only have process-wide handlers, which run on the thread that called into libtiff, so the decode publishes its
/// capture in a thread-static while it runs (<see cref="Attach"/>). Warnings are kept apart from errors: PIL and
/// OpenCV load a file libtiff only warns about, so a warning only explains a failure that has no error message
/// (libtiff 4.5 fails a G3 strip without EOLs after the warning "Premature EOL"). libtiff must never print either.
/// </summary>
internal sealed unsafe class LibTiffMessages
{
    // A damaged file can make a codec report once per row; the first messages say what went wrong.
    private const int MaxKept = 16;
    private const int MaxMessageBytes = 1024;

    [ThreadStatic] private static LibTiffMessages? current;

    private static readonly delegate* unmanaged<byte*, nuint, byte*, nint, int> Vsnprintf = FindVsnprintf();

    // Each message with its number in the order reported (numbers go on when texts are no longer kept).
    private readonly List<(int Number, bool IsError, string Text)> kept = [];
    private int reported;

    /// <summary>How many messages were reported so far: a mark for <see cref="FirstSince"/>.</summary>
    public int Count => reported;

    /// <summary>The first error reported after <paramref name="mark"/>, or null.</summary>
    public string? FirstSince(int mark) => kept.FirstOrDefault(m => m.Number >= mark && m.IsError).Text;

    /// <summary>The first error reported after <paramref name="mark"/>, else the last warning after it (for a failure
    /// without an error of its own), else null.</summary>
    public string? ExplanationSince(int mark) =>
        FirstSince(mark) ?? (kept.LastOrDefault(m => m.Number >= mark && !m.IsError).Text is { } warning ? $"after the warning {warning}" : null);

    /// <summary>Any error reported after <paramref name="mark"/> that says libtiff lacks a feature rather than that
    /// the data is bad, or null.</summary>
    public string? UnsupportedSince(int mark) =>
        kept.FirstOrDefault(m => m.Number >= mark && m.IsError && LibTiffErrorText.SaysUnsupported(m.Text)).Text;

    /// <summary>Makes this the capture of the calling thread's process-wide handler until the scope is disposed.</summary>
    public ThreadScope Attach()
    {
        var previous = current;
        current = this;
        return new ThreadScope(previous);
    }

    public readonly struct ThreadScope(LibTiffMessages? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }

    /// <summary>A <c>TIFFErrorHandlerExtR</c>: user data is a <see cref="GCHandle"/> of the capture.</summary>
    internal static delegate* unmanaged<nint, nint, byte*, byte*, nint, int> HandleErrorHandler => &OnHandleError;

    /// <summary>A <c>TIFFErrorHandlerExtR</c> for warnings: kept, and never passed on to the process-wide handler.</summary>
    internal static delegate* unmanaged<nint, nint, byte*, byte*, nint, int> HandleWarningHandler => &OnHandleWarning;

    /// <summary>A process-wide <c>TIFFErrorHandlerExt</c>: reports to the calling thread's attached capture.</summary>
    internal static delegate* unmanaged<nint, byte*, byte*, nint, void> ThreadErrorHandler => &OnThreadError;

    /// <summary>A process-wide <c>TIFFErrorHandlerExt</c> for warnings: to the calling thread's attached capture.</summary>
    internal static delegate* unmanaged<nint, byte*, byte*, nint, void> ThreadWarningHandler => &OnThreadWarning;

    [UnmanagedCallersOnly]
    private static int OnHandleError(nint tiff, nint userData, byte* module, byte* format, nint arguments) =>
        AddToHandle(userData, isError: true, module, format, arguments);

    [UnmanagedCallersOnly]
    private static int OnHandleWarning(nint tiff, nint userData, byte* module, byte* format, nint arguments) =>
        AddToHandle(userData, isError: false, module, format, arguments);

    private static int AddToHandle(nint userData, bool isError, byte* module, byte* format, nint arguments)
    {
        try
        {
            if (userData != 0 && GCHandle.FromIntPtr(userData).Target is LibTiffMessages messages)
                messages.Add(isError, module, format, arguments);
        }
        catch
        {
            // Nothing may unwind into libtiff; a lost message only makes the verdict's text less specific.
        }
        return 1; // handled: libtiff does not call the process-wide handlers as well
    }

    [UnmanagedCallersOnly]
    private static void OnThreadError(nint clientData, byte* module, byte* format, nint arguments)
    {
        try
        {
            current?.Add(isError: true, module, format, arguments);
        }
        catch
        {
            // As above: never unwind into libtiff.
        }
    }

    [UnmanagedCallersOnly]
    private static void OnThreadWarning(nint clientData, byte* module, byte* format, nint arguments)
    {
        try
        {
            current?.Add(isError: false, module, format, arguments);
        }
        catch
        {
            // As above: never unwind into libtiff.
        }
    }

    private void Add(bool isError, byte* module, byte* format, nint arguments)
    {
        var number = reported++;
        // Only the last of a run of warnings can explain a failure: it replaces the one before it.
        if (!isError && kept.Count > 0 && !kept[^1].IsError) kept.RemoveAt(kept.Count - 1);
        else if (kept.Count >= MaxKept) return;
        var text = Format(format, arguments);
        var moduleName = module is null ? null : Marshal.PtrToStringUTF8((nint)module);
        kept.Add((number, isError, string.IsNullOrEmpty(moduleName) ? text : $"{moduleName}: {text}"));
    }

    /// <summary>The message libtiff would have printed. The va_list reaches a callback as a pointer on the
    /// platforms libtiff is loaded on (an array type on x86-64, a by-reference struct on AArch64), and libc's
    /// vsnprintf takes it as it came.</summary>
    private static string Format(byte* format, nint arguments)
    {
        if (format is null) return "(no message)";
        if (Vsnprintf == null) return Marshal.PtrToStringUTF8((nint)format) ?? "(no message)";
        var buffer = stackalloc byte[MaxMessageBytes];
        var written = Vsnprintf(buffer, MaxMessageBytes, format, arguments);
        if (written < 0) return Marshal.PtrToStringUTF8((nint)format) ?? "(no message)";
        var length = Math.Min(written, MaxMessageBytes - 1);
        return Encoding.UTF8.GetString(buffer, length).TrimEnd('\n', ' ');
    }

    private static delegate* unmanaged<byte*, nuint, byte*, nint, int> FindVsnprintf() =>
        NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "vsnprintf", out var address)
            ? (delegate* unmanaged<byte*, nuint, byte*, nint, int>)address
            : null;
}
