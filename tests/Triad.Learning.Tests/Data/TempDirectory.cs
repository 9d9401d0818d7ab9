namespace Triad.Learning.Tests.Data;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "triad-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Full path of <paramref name="fileName"/> inside the folder.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Writes <paramref name="text"/> to <paramref name="fileName"/> and returns its full path.</summary>
    public string WriteText(string fileName, string text)
    {
        string path = File(fileName);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }
}
