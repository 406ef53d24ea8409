using System.Runtime.InteropServices;

namespace DataScrub.Formats.Hdf5;

/// <summary>
/// PureHDF 2.2.0's writer sizes element types with <c>Marshal.SizeOf(Type)</c> (bytes of variable-length strings,
/// every numeric type it writes). A Native AOT binary can answer that only for the types its compiler saw being
/// measured, so they are measured here, with the literal types the compiler recognises, before every PureHDF write.
/// Without it the shipped binary fails to write an HDF5 copy ("'System.Byte' is missing structure marshalling data").
/// </summary>
internal static class PureHdfMarshalledTypes
{
    public static int Measure() =>
        Marshal.SizeOf(typeof(byte)) + Marshal.SizeOf(typeof(sbyte)) + Marshal.SizeOf(typeof(short)) + Marshal.SizeOf(typeof(ushort))
        + Marshal.SizeOf(typeof(int)) + Marshal.SizeOf(typeof(uint)) + Marshal.SizeOf(typeof(long)) + Marshal.SizeOf(typeof(ulong))
        + Marshal.SizeOf(typeof(float)) + Marshal.SizeOf(typeof(double));
}
