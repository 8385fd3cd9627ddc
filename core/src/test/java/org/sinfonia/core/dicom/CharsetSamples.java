package org.sinfonia.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text encoded in each Specific Character Set the codec supports, mostly the examples of PS3.5
 * annexes H-K. ISO 2022 values are built byte by byte, the way DICOM (not the JDK's ISO-2022
 * encoders) writes them: JIS X 0208/0212 as 7-bit pairs after ESC $ B / ESC $ ( D, KS X 1001 and GB
 * 2312 as high-bit pairs after ESC $ ) C / ESC $ ) A.
 */
final class CharsetSamples {

  /** One file's worth: (0008,0005), a person name, a text and a short text (for SH). */
  record Sample(
      String name,
      String specificCharacterSet,
      byte[] personName,
      byte[] text,
      byte[] shortText,
      String expectedPersonName,
      String expectedText,
      String expectedShortText) {}

  private static final byte ESC = 0x1B;

  private CharsetSamples() {}

  static List<Sample> all() {
    return List.of(
        single("latin1", "ISO_IR 100", "ISO-8859-1", "Müller^Hans-Jürgen", "Straße où ça coûte"),
        single("latin2", "ISO_IR 101", "ISO-8859-2", "Dvořák^Antonín", "Žluťoučký kůň"),
        single("latin3", "ISO_IR 109", "ISO-8859-3", "Ġużeppi^Ħabib", "Għawdex"),
        single("latin4", "ISO_IR 110", "ISO-8859-4", "Ķēniņš^Jānis", "Rīga ūdens"),
        single("cyrillic", "ISO_IR 144", "ISO-8859-5", "Люкceмбypг^Иван", "Текст по-русски"),
        single("arabic", "ISO_IR 127", "ISO-8859-6", "قباني^لنزار", "نص عربي"),
        single("greek", "ISO_IR 126", "ISO-8859-7", "Διονυσιος^Γιαννης", "Ελληνικό κείμενο"),
        single("hebrew", "ISO_IR 138", "ISO-8859-8", "שרון^דבורה", "טקסט עברי"),
        single("latin5", "ISO_IR 148", "ISO-8859-9", "Çavuşoğlu^Ayşe", "Türkçe metin ğüş"),
        single("thai", "ISO_IR 166", "x-iso-8859-11", "ประเทศไทย^สมชาย", "ภาษาไทย"),
        single("utf8", "ISO_IR 192", "UTF-8", "Wang^XiaoDong=王^小東=", "Ünïcødé 文字 текст"),
        single("gb18030", "GB18030", "GB18030", "Wang^XiaoDong=王^小东=", "中文文本"),
        single("gbk", "GBK", "GBK", "Wang^XiaoDong=王^小东=", "中文字符"),
        new Sample(
            "iso2022-latin1",
            "ISO 2022 IR 100",
            latin1("Müller^Hans"),
            latin1("Straße"),
            latin1("Größe"),
            "Müller^Hans",
            "Straße",
            "Größe"),
        new Sample(
            "iso2022-japanese",
            "\\ISO 2022 IR 87",
            concat(
                ascii("Yamada^Tarou="),
                jis("山田"),
                ascii("^"),
                jis("太郎"),
                ascii("="),
                jis("やまだ"),
                ascii("^"),
                jis("たろう")),
            concat(ascii("Text "), jis("日本語"), ascii(" end")),
            jis("病院"),
            "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "Text 日本語 end",
            "病院"),
        new Sample(
            "iso2022-katakana",
            "ISO 2022 IR 13\\ISO 2022 IR 87",
            concat(
                katakana("ﾔﾏﾀﾞ^ﾀﾛｳ="),
                jis("山田"),
                romaji("^"),
                jis("太郎"),
                romaji("="),
                jis("やまだ"),
                romaji("^"),
                jis("たろう"),
                romaji("")),
            concat(katakana("ｶﾀｶﾅ "), jis("漢字")),
            katakana("ﾃｷｽﾄ"),
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
            "ｶﾀｶﾅ 漢字",
            "ﾃｷｽﾄ"),
        new Sample(
            "iso2022-jisx0212",
            "\\ISO 2022 IR 87\\ISO 2022 IR 159",
            concat(ascii("Mori^Ogai="), jis("森"), ascii("^"), jisSupplementary("鷗"), jis("外")),
            concat(jis("文字"), jisSupplementary("鷗")),
            jis("森"),
            "Mori^Ogai=森^鷗外",
            "文字鷗",
            "森"),
        new Sample(
            "iso2022-korean",
            "\\ISO 2022 IR 149",
            concat(
                ascii("Hong^Gildong="),
                g1(")C", "洪^吉洞", "EUC-KR"),
                ascii("="),
                g1(")C", "홍^길동", "EUC-KR")),
            concat(ascii("Text "), g1(")C", "한국어 문자", "EUC-KR")),
            g1(")C", "병원", "EUC-KR"),
            "Hong^Gildong=洪^吉洞=홍^길동",
            "Text 한국어 문자",
            "병원"),
        new Sample(
            "iso2022-chinese",
            "\\ISO 2022 IR 58",
            concat(ascii("Zhang^XiaoDong="), g1(")A", "张^小东", "GB2312"), ascii("=")),
            concat(g1(")A", "中文文本", "GB2312")),
            g1(")A", "医院", "GB2312"),
            "Zhang^XiaoDong=张^小东=",
            "中文文本",
            "医院"),
        new Sample(
            "iso2022-mixed",
            "ISO 2022 IR 6\\ISO 2022 IR 100\\ISO 2022 IR 126",
            concat(
                ascii("Name"),
                g1Single("-A", "ü", "ISO-8859-1"),
                ascii("^"),
                g1Single("-F", "Δημος", "ISO-8859-7")),
            concat(g1Single("-A", "Ça ", "ISO-8859-1"), g1Single("-F", "και", "ISO-8859-7")),
            ascii("short"),
            "Nameü^Δημος",
            "Ça και",
            "short"));
  }

  private static Sample single(
      String name, String term, String charsetName, String personName, String text) {
    Charset charset = Charset.forName(charsetName);
    String shortText = (text.length() > 8 ? text.substring(0, 8) : text).trim();
    return new Sample(
        name,
        term,
        personName.getBytes(charset),
        text.getBytes(charset),
        shortText.getBytes(charset),
        personName,
        text,
        shortText);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** JIS X 0208 in G0: ESC $ B, the EUC-JP bytes without their high bits, then back to ASCII. */
  private static byte[] jis(String text) {
    return concat(
        escape("$B"), sevenBit(text.getBytes(Charset.forName("EUC-JP")), false), escape("(B"));
  }

  /**
   * JIS X 0212 in G0: ESC $ ( D and the 7-bit pairs (EUC-JP writes them as 8F + two high-bit
   * bytes).
   */
  private static byte[] jisSupplementary(String text) {
    return concat(
        escape("$(D"), sevenBit(text.getBytes(Charset.forName("EUC-JP")), true), escape("(B"));
  }

  /**
   * Half-width katakana in G1 (JIS X 0201, ISO 2022 IR 13 as the first value), ASCII-range chars as
   * themselves.
   */
  private static byte[] katakana(String text) {
    return text.getBytes(Charset.forName("JIS_X0201"));
  }

  /** Back to JIS X 0201 romaji in G0 (ESC ( J), the G0 set of ISO 2022 IR 13. */
  private static byte[] romaji(String text) {
    return concat(escape("(J"), ascii(text));
  }

  /** A two-byte set designated to G1 (ESC $ ) C or ESC $ ) A): its EUC bytes as they are. */
  private static byte[] g1(String designation, String text, String charsetName) {
    return concat(escape("$" + designation), text.getBytes(Charset.forName(charsetName)));
  }

  /** An ISO 8859 set designated to G1 (ESC - A ...). */
  private static byte[] g1Single(String designation, String text, String charsetName) {
    return concat(escape(designation), text.getBytes(Charset.forName(charsetName)));
  }

  private static byte[] sevenBit(byte[] euc, boolean supplementary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < euc.length; i++) {
      if ((euc[i] & 0xFF) == 0x8F) {
        if (!supplementary) {
          throw new IllegalArgumentException("not in JIS X 0208");
        }
        continue;
      }
      out.write(euc[i] & 0x7F);
    }
    return out.toByteArray();
  }

  private static byte[] escape(String sequence) {
    return concat(new byte[] {ESC}, ascii(sequence));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
