using DataScrub.Cli.Reporting.Html;

namespace DataScrub.Tests.Cli.Reporting.Html;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("plain key 00000005_cat/0005.jpg", "plain key 00000005_cat/0005.jpg")]
    [InlineData("<>&\"'", "&lt;&gt;&amp;&quot;&#39;")]
    [InlineData("</script>", "&lt;/script&gt;")]
    [InlineData("tab\tnew\nline\r", "tab\tnew\nline\r")]
    [InlineData("nul\0bell\u0007del\u007fc1\u0085", "nul\\x00bell\\x07del\\x7fc1\\x85")]
    [InlineData("ünïcødé ✓ 猫", "ünïcødé ✓ 猫")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Encode_Text_IsSafeInContentAndQuotedAttributes(string? text, string expected)
    {
        Assert.Equal(expected, HtmlText.Encode(text));
    }

    [Fact]
    public void Encode_TextWithoutSpecials_IsTheSameString()
    {
        var text = "00000005_cat/0005.jpg";

        Assert.Same(text, HtmlText.Encode(text));
    }

    [Fact]
    public void Append_InterpolatedHoles_AreEncodedAndNumbersInvariant()
    {
        var html = new HtmlBuilder();
        var key = "<b title=\"x\">";

        html.Append($"<td title=\"{key}\">{key} {1234567L:N0} {0.5:0.##} {HtmlMarkup.If(true, "<br>")}{HtmlMarkup.If(false, "<hr>")}</td>");

        Assert.Equal("<td title=\"&lt;b title=&quot;x&quot;&gt;\">&lt;b title=&quot;x&quot;&gt; 1,234,567 0.5 <br></td>", html.ToString());
    }
}
