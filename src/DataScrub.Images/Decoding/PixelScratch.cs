using System.Buffers;
using System.Runtime.InteropServices;

namespace DataScrub.Images.Decoding;

/// <summary>
/// A decoder's pixel buffer for one decode, at a fixed address a native library can write to: from the shared array
/// pool (pinned) up to 16 MiB, from native memory above that, so a rare huge image neither grows the pool nor lands on
/// the large-object heap. Dispose returns it.
/// </summary>
public unsafe ref struct PixelScratch
{
    private const long PooledLimit = 16 << 20;

    private byte[]? pooled;
    private GCHandle pin;
    private byte* native;

    /// <summary>At least <paramref name="size"/> bytes (1 when 0).</summary>
    public PixelScratch(long size)
    {
        Length = size;
        if (size > PooledLimit)
        {
            native = (byte*)NativeMemory.Alloc((nuint)size);
            Pointer = native;
            return;
        }
        pooled = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
        pin = GCHandle.Alloc(pooled, GCHandleType.Pinned);
        Pointer = (byte*)pin.AddrOfPinnedObject();
    }

    /// <summary>The first byte.</summary>
    public byte* Pointer { get; }

    /// <summary>The bytes asked for.</summary>
    public long Length { get; }

    /// <summary>The first <paramref name="bytes"/> bytes, for reading the decoded pixels.</summary>
    public readonly ReadOnlySpan<byte> Span(long bytes) => new(Pointer, checked((int)bytes));

    public void Dispose()
    {
        if (pooled is not null)
        {
            pin.Free();
            ArrayPool<byte>.Shared.Return(pooled);
            pooled = null;
        }
        if (native is not null)
        {
            NativeMemory.Free(native);
            native = null;
        }
    }
}
