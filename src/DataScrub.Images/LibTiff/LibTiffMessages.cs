using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DataScrub.Images.LibTiff;

/// <summary>
/// The error messages libtiff reports while one file is decoded. With libtiff 4.5+ they arrive through handlers set
/// on that file's own handle (open options), so concurrent decodes never see each other's messages; older libtiffs
/// only have process-wide handlers, which run on the thread that called into libtiff, so the decode publishes its
/// capture in a thread-static while it runs (<see cref="Attach"/>). Warnings are dropped: PIL and OpenCV load a file
/// libtiff only warns about, and libtiff must never print them.
/// </summary>
internal sealed unsafe class LibTiffMessages
{
    // A damaged file can make a codec report once per row; the first messages say what went wrong.
    private const int MaxKept = 16;
    private const int MaxMessageBytes = 1024;

    [ThreadStatic] private static LibTiffMessages? current;

    private static readonly delegate* unmanaged<byte*, nuint, byte*, nint, int> Vsnprintf = FindVsnprintf();

    private readonly List<string> errors = [];

    /// <summary>How many errors were reported so far: a mark for <see cref="FirstSince"/>.</summary>
    public int Count => errors.Count;

    /// <summary>The first error reported after <paramref name="mark"/>, or null.</summary>
    public string? FirstSince(int mark) => mark < errors.Count ? errors[mark] : null;

    /// <summary>Any error reported after <paramref name="mark"/> that says libtiff lacks a feature rather than that
    /// the data is bad, or null.</summary>
    public string? UnsupportedSince(int mark)
    {
        for (var i = mark; i < errors.Count; i++)
            if (LibTiffErrorText.SaysUnsupported(errors[i])) return errors[i];
        return null;
    }

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

    /// <summary>A <c>TIFFErrorHandlerExtR</c> for warnings: swallowed, so the process-wide handler never prints.</summary>
    internal static delegate* unmanaged<nint, nint, byte*, byte*, nint, int> HandleWarningHandler => &OnHandleWarning;

    /// <summary>A process-wide <c>TIFFErrorHandlerExt</c>: reports to the calling thread's attached capture.</summary>
    internal static delegate* unmanaged<nint, byte*, byte*, nint, void> ThreadErrorHandler => &OnThreadError;

    /// <summary>A process-wide <c>TIFFErrorHandlerExt</c> for warnings: swallowed.</summary>
    internal static delegate* unmanaged<nint, byte*, byte*, nint, void> ThreadWarningHandler => &OnThreadWarning;

    [UnmanagedCallersOnly]
    private static int OnHandleError(nint tiff, nint userData, byte* module, byte* format, nint arguments)
    {
        try
        {
            if (userData != 0 && GCHandle.FromIntPtr(userData).Target is LibTiffMessages messages)
                messages.Add(module, format, arguments);
        }
        catch
        {
            // Nothing may unwind into libtiff; a lost message only makes the verdict's text less specific.
        }
        return 1; // handled: libtiff does not call the process-wide handlers as well
    }

    [UnmanagedCallersOnly]
    private static int OnHandleWarning(nint tiff, nint userData, byte* module, byte* format, nint arguments) => 1;

    [UnmanagedCallersOnly]
    private static void OnThreadError(nint clientData, byte* module, byte* format, nint arguments)
    {
        try
        {
            current?.Add(module, format, arguments);
        }
        catch
        {
            // As above: never unwind into libtiff.
        }
    }

    [UnmanagedCallersOnly]
    private static void OnThreadWarning(nint clientData, byte* module, byte* format, nint arguments)
    {
    }

    private void Add(byte* module, byte* format, nint arguments)
    {
        if (errors.Count >= MaxKept) return;
        var text = Format(format, arguments);
        var moduleName = module is null ? null : Marshal.PtrToStringUTF8((nint)module);
        errors.Add(string.IsNullOrEmpty(moduleName) ? text : $"{moduleName}: {text}");
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
