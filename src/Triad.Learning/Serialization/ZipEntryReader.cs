using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace Triad.Learning.Serialization;

/// <summary>
/// Reads whole entries of a ZIP archive (a <c>.triad</c> model file) with the checks the runtime leaves out:
/// the entry's CRC-32 (ISO 3309, as in PKWARE's APPNOTE.TXT section 4.4.7) against the central directory, and a
/// limit on its uncompressed size that holds before anything of that size is allocated.
/// </summary>
/// <remarks>
/// <para>
/// .NET's <see cref="ZipArchive"/> reads an entry without checking its CRC-32, so a flipped bit in stored or
/// deflated data reads back silently as different bytes. It trusts the uncompressed size in the central directory:
/// it stops inflating there, so an entry that would inflate further reads back cut short, which its CRC-32 then
/// reveals; and a reader that sizes a buffer by that figure allocates whatever the archive says.
/// </para>
/// <para>
/// Every fault is an <see cref="InvalidDataException"/> whose message starts with the archive's file name and the
/// entry, e.g. <c>model.triad weights.bin: CRC-32 is 0x1A2B3C4D, the archive says 0x5E6F7081: the file is damaged</c>.
/// Memory: one array of the declared size (at most the limit), and nothing else of that order.
/// </para>
/// </remarks>
public static class ZipEntryReader
{
    /// <summary>
    /// Reads the whole entry <paramref name="entryName"/>, verifying its CRC-32 against the central directory,
    /// refusing an entry whose declared or actual uncompressed size exceeds <paramref name="maxBytes"/> (before
    /// allocating it) or whose actual size differs from the declared one.
    /// </summary>
    /// <param name="zip">An archive opened for reading.</param>
    /// <param name="archiveName">The archive's path or file name; messages start with its file name.</param>
    /// <param name="entryName">Full name of the entry inside the archive, e.g. "weights.bin".</param>
    /// <param name="maxBytes">Largest uncompressed size accepted, in bytes; above <see cref="Array.MaxLength"/> it
    /// acts as <see cref="Array.MaxLength"/>, the most one array holds.</param>
    /// <returns>The entry's uncompressed bytes.</returns>
    /// <exception cref="InvalidDataException">The entry is missing or named twice, larger than the limit, shorter or
    /// longer than the archive declares, its CRC-32 does not match, or its compressed data cannot be read.</exception>
    public static byte[] ReadAll(ZipArchive zip, string archiveName, string entryName, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentException.ThrowIfNullOrEmpty(archiveName);
        ArgumentException.ThrowIfNullOrEmpty(entryName);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        string archive = Path.GetFileName(archiveName);
        string where = $"{archive} {entryName}";
        ZipArchiveEntry entry = FindSingle(zip, archive, entryName);
        long limit = Math.Min(maxBytes, Array.MaxLength);
        long declared = entry.Length;
        if (declared > limit)
        {
            throw new InvalidDataException(
                $"{where}: the archive declares {Size(declared)} uncompressed, more than the limit of {Size(limit)}");
        }

        byte[] data = GC.AllocateUninitializedArray<byte>((int)declared);
        int read;
        bool longer;
        try
        {
            using Stream stream = entry.Open();
            read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            // The runtime stops at the declared size; should it not, one byte more is enough to know.
            Span<byte> probe = stackalloc byte[1];
            longer = read == data.Length && stream.Read(probe) > 0;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"{where}: the compressed data cannot be read ({e.Message}): the file is damaged", e);
        }
        if (read < declared)
        {
            throw new InvalidDataException(
                $"{where}: inflates to {Size(read)}, the archive declares {Size(declared)}: the file is damaged");
        }
        if (longer)
        {
            throw new InvalidDataException(
                declared == limit
                    ? $"{where}: inflates to more than the limit of {Size(limit)}"
                    : $"{where}: inflates to more than the {Size(declared)} the archive declares: the file is damaged");
        }
        uint crc = Crc32.HashToUInt32(data);
        if (crc != entry.Crc32)
        {
            throw new InvalidDataException(
                $"{where}: CRC-32 is 0x{crc:X8}, the archive says 0x{entry.Crc32:X8}: the file is damaged");
        }
        return data;
    }

    /// <summary>Whether the archive has an entry named <paramref name="entryName"/> (full name, case-sensitive).</summary>
    public static bool Contains(ZipArchive zip, string entryName)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentException.ThrowIfNullOrEmpty(entryName);
        return zip.GetEntry(entryName) is not null;
    }

    /// <summary>The one entry named <paramref name="entryName"/>; none, or two with that name, is a damaged archive.</summary>
    private static ZipArchiveEntry FindSingle(ZipArchive zip, string archive, string entryName)
    {
        ZipArchiveEntry? found = null;
        int count = 0;
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            if (string.Equals(entry.FullName, entryName, StringComparison.Ordinal))
            {
                found ??= entry;
                count++;
            }
        }
        if (count > 1)
        {
            throw new InvalidDataException($"{archive}: {count} entries are named '{entryName}', expected one: the file is damaged");
        }
        if (found is null)
        {
            const int shown = 8;
            IEnumerable<string> names = zip.Entries.Select(e => e.FullName);
            string holds = zip.Entries.Count == 0
                ? "it has no entries"
                : $"it holds {string.Join(", ", names.Take(shown))}{(zip.Entries.Count > shown ? $" and {zip.Entries.Count - shown} more" : "")}";
            throw new InvalidDataException($"{archive}: no entry '{entryName}' ({holds})");
        }
        return found;
    }

    /// <summary>A byte count for messages: "1,000 bytes", and beyond 1 KiB the binary multiple too, "268,435,456 bytes (256 MiB)".</summary>
    internal static string Size(long bytes)
    {
        string exact = string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");
        if (bytes < 1024)
        {
            return exact;
        }
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{exact} ({value:0.#} {units[unit]})");
    }
}
