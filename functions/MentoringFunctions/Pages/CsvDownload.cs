using System.Text;

namespace MentoringFunctions.Pages;

/// <summary>
/// Every CSV the app hands out starts with the UTF-8 byte order mark: without it Excel reads the file as the
/// local code page and shows "GarcÃ­a" for "García". CSV readers (ours included) skip it.
/// </summary>
public static class CsvDownload
{
    public static byte[] Bytes(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
}
