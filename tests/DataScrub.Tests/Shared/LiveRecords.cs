using System.Security.Cryptography;
using System.Text.Json;

namespace DataScrub.Tests.Shared;

/// <summary>A store's live key/value set as <c>{"records":[{"key_hex","value_sha256"}]}</c> — the format of
/// the fixtures' <c>*.live.json</c> (written from what plyvel read) and of fixtures/leveldb_interop.py.</summary>
public static class LiveRecords
{
    public static List<(string KeyHex, string ValueSha256)> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return FromArray(doc.RootElement.GetProperty("records"));
    }

    public static List<(string KeyHex, string ValueSha256)> FromArray(JsonElement records) =>
        records.EnumerateArray().Select(r => (r.GetProperty("key_hex").GetString()!, r.GetProperty("value_sha256").GetString()!)).ToList();

    public static (string KeyHex, string ValueSha256) Of(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        (Convert.ToHexStringLower(key), Convert.ToHexStringLower(SHA256.HashData(value)));

    public static void Save(string path, IEnumerable<(byte[] Key, byte[] Value)> records)
    {
        var list = records.Select(r => new { key_hex = Convert.ToHexStringLower(r.Key), value_sha256 = Convert.ToHexStringLower(SHA256.HashData(r.Value)), value_length = r.Value.Length });
        File.WriteAllText(path, JsonSerializer.Serialize(new { records = list }));
    }
}
