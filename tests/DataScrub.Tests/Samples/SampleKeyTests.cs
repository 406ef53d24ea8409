using System.Text;
using CsCheck;
using DataScrub.Samples;

namespace DataScrub.Tests.Samples;

public class SampleKeyTests
{
    [Theory]
    [InlineData("00000012_cat.jpg")]
    [InlineData("00000001_ünïcödé/猫.png")]
    public void ToDisplay_Utf8Key_IsTheText(string key) =>
        Assert.Equal(key, SampleKey.ToDisplay(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void ToDisplay_InvalidUtf8_IsLowercaseHex() =>
        Assert.Equal("hex:00ff10", SampleKey.ToDisplay([0x00, 0xff, 0x10]));

    [Fact]
    public void ToDisplay_TextThatLooksLikeHex_IsHexToo() =>
        Assert.Equal("hex:6865783a4142", SampleKey.ToDisplay("hex:AB"u8));

    [Fact]
    public void FromDisplay_InvertsToDisplay_ForAnyBytes() =>
        Gen.Byte.Array[0, 40].Sample(key => Assert.Equal(key, SampleKey.FromDisplay(SampleKey.ToDisplay(key))), iter: 5000);
}
