using System.IO.Compression;

namespace Triad.Learning.Data;

/// <summary>
/// Opens data files for the loaders: checks that the file exists and undoes gzip compression, detected by
/// the gzip magic bytes 1f 8b (RFC 1952, section 2.3.1) rather than by the file name. A gzip stream that is
/// corrupt or cut short raises <see cref="InvalidDataException"/> while it is read
/// (<see cref="GzipTrailerCheckStream"/>); the loaders turn it into a <see cref="DataFormatException"/>.
/// </summary>
internal static class DataFile
{
    // GZipStream asks for small pieces; a large file buffer keeps the system calls few.
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Opens <paramref name="path"/> for reading, decompressing it if it starts with the gzip magic bytes.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message holds the full path.</exception>
    public static Stream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"data file not found: '{fullPath}'", fullPath);
        }
        var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                uint? trailerLength = GzipTrailerCheckStream.ReadTrailerLength(file);
                var gzip = new GZipStream(file, CompressionMode.Decompress);
                return new GzipTrailerCheckStream(gzip, trailerLength);
            }
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes, as many as the stream holds; a corrupt gzip
    /// stream becomes a <see cref="DataFormatException"/> at <paramref name="offset"/>.
    /// </summary>
    public static int ReadBlock(Stream stream, Span<byte> buffer, string path, long offset)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            // The decompressed position marks where the good data ended, which is nearer the fault than the block start.
            throw CorruptGzip(path, stream is GzipTrailerCheckStream gzip ? gzip.Position : offset, e);
        }
    }

    /// <summary>The error for a gzip stream that cannot be decompressed.</summary>
    public static DataFormatException CorruptGzip(string path, long offset, InvalidDataException inner) =>
        new(path, $"byte {offset}", $"corrupt gzip stream ({inner.Message})", inner);
}
