using System.Globalization;
using System.Text;

namespace DataScrub.Cli.Reporting.Html;

/// <summary>
/// HTML-encodes text for element content and quoted attribute values alike. Sample keys, paths, class names and
/// messages are arbitrary text from the data, so every one of them goes through here: <c>&amp; &lt; &gt; " '</c>
/// become character references, which is enough for both contexts (the report never puts data inside a script,
/// a style or an unquoted attribute). Control characters are written as visible <c>\xNN</c>: rendered raw they
/// are invisible, and two different keys would look the same.
/// </summary>
public static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!NeedsEncoding(text)) return text;
        var output = new StringBuilder(text.Length + 16);
        Encode(text, output);
        return output.ToString();
    }

    public static void Encode(string? text, StringBuilder output)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': output.Append("&amp;"); break;
                case '<': output.Append("&lt;"); break;
                case '>': output.Append("&gt;"); break;
                case '"': output.Append("&quot;"); break;
                case '\'': output.Append("&#39;"); break;
                default:
                    if (IsControl(c)) output.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else output.Append(c);
                    break;
            }
        }
    }

    private static bool NeedsEncoding(string text)
    {
        foreach (var c in text)
            if (c is '&' or '<' or '>' or '"' or '\'' || IsControl(c)) return true;
        return false;
    }

    /// <summary>C0 and C1 controls and DEL; tab and line breaks are text.</summary>
    private static bool IsControl(char c) => c is (< ' ' and not '\t' and not '\n' and not '\r') or (>= '\x7f' and <= '\x9f');
}
