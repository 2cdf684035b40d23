package dev.golive.checklist;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw item and heading text into the clean text users see: mojibake repaired (UTF-8 that was read as
 * Windows-1252/Latin-1 or Mac OS Roman), emoji and pictographs dropped, whitespace folded. Also makes slugs.
 */
final class CleanText {
  /** An explicit item code such as {@code GO-008} or {@code TC-012}, at the start of a text. */
  static final Pattern CODE = Pattern.compile("^[\\[(]?([A-Z]{1,6}-\\d{1,4})(?![0-9A-Za-z])[\\])]?");
  private static final Pattern NUMBERING =
      Pattern.compile("^(?:[A-Z]?\\d{1,3}(?:\\.\\d{1,3})*[.)]|\\d{1,3}(?:\\.\\d{1,3})+|[IVX]{1,5}\\.)\\s+");
  private static final int SLUG_MAX = 80;
  private static final Map<Character, Byte> CP1252 = reverse(StandardCharsets.ISO_8859_1, "windows-1252");
  private static final Map<Character, Byte> MAC_ROMAN = reverse(null, "x-MacRoman");

  private CleanText() {}

  /** A text after repair, and the wrong encoding it was repaired from (null when nothing was repaired). */
  record Repaired(String text, String from) {}

  /** Clean text: mojibake repaired, emoji removed, whitespace folded and trimmed. */
  static String clean(String raw) {
    return fold(stripPictographs(repair(raw).text()));
  }

  /** A heading's clean text, with leading numbering ({@code 1.}, {@code E1)}, {@code 2.3}) dropped. */
  static String heading(String raw) {
    String c = clean(raw);
    String stripped = NUMBERING.matcher(c).replaceFirst("");
    return stripped.isBlank() ? c : stripped.trim();
  }

  /** The explicit code at the start of {@code text}, or null. */
  static String code(String text) {
    Matcher m = CODE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static String fold(String s) {
    return s.replaceAll("[\\s\\u00A0]+", " ").trim();
  }

  /**
   * Repairs runs of non-ASCII characters that are the UTF-8 bytes of other characters decoded with a single-byte
   * code page. Real accented text (Vietnamese, Indonesian...) is left alone: a run is only replaced when its bytes
   * are valid UTF-8.
   */
  static Repaired repair(String s) {
    StringBuilder out = null;
    String from = null;
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (s.charAt(i) < 0x80) {
        if (out != null) out.append(s.charAt(i));
        i++;
        continue;
      }
      int j = i;
      while (j < n && s.charAt(j) >= 0x80) j++;
      String run = s.substring(i, j);
      String fixed = null;
      int best = 0;
      for (var cs : new Object[][] {{CP1252, "Windows-1252"}, {MAC_ROMAN, "Mac OS Roman"}}) {
        @SuppressWarnings("unchecked")
        Map<Character, Byte> map = (Map<Character, Byte>) cs[0];
        Decoded d = decodeRun(run, map);
        if (d != null && d.bytesDecoded > best) {
          best = d.bytesDecoded;
          fixed = d.text;
          from = (String) cs[1];
        }
      }
      if (fixed != null) {
        if (out == null) out = new StringBuilder(s.substring(0, i));
        out.append(fixed);
      } else if (out != null) {
        out.append(run);
      }
      i = j;
    }
    return out == null ? new Repaired(s, null) : new Repaired(out.toString(), from);
  }

  private record Decoded(String text, int bytesDecoded) {}

  private static Decoded decodeRun(String run, Map<Character, Byte> map) {
    if (map.isEmpty()) return null;
    int n = run.length();
    int[] bytes = new int[n];
    for (int k = 0; k < n; k++) {
      Byte b = map.get(run.charAt(k));
      bytes[k] = b == null ? -1 : b & 0xFF;
    }
    StringBuilder sb = new StringBuilder();
    int decoded = 0;
    int k = 0;
    while (k < n) {
      int len = utf8Length(bytes[k]);
      String ch = len > 1 && k + len <= n ? strictUtf8(bytes, k, len) : null;
      if (ch != null) {
        sb.append(ch);
        decoded += len;
        k += len;
      } else {
        sb.append(run.charAt(k));
        k++;
      }
    }
    return decoded == 0 ? null : new Decoded(sb.toString(), decoded);
  }

  private static int utf8Length(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
  }

  private static String strictUtf8(int[] bytes, int from, int len) {
    byte[] b = new byte[len];
    for (int k = 0; k < len; k++) {
      if (bytes[from + k] < 0) return null;
      b[k] = (byte) bytes[from + k];
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Character to byte for the high half of a single-byte code page; Latin-1 fills the code page's gaps. */
  private static Map<Character, Byte> reverse(Charset base, String name) {
    Map<Character, Byte> m = new HashMap<>();
    if (!Charset.isSupported(name)) return m;
    Charset cs = Charset.forName(name);
    for (int b = 0x80; b <= 0xFF; b++) {
      if (base != null) m.put((char) b, (byte) b);
      String c = new String(new byte[] {(byte) b}, cs);
      if (c.length() == 1 && c.charAt(0) != '\uFFFD') m.put(c.charAt(0), (byte) b);
    }
    return m;
  }

  /** Drops emoji, pictographs, dingbats, variation selectors, joiners and private-use characters. */
  static String stripPictographs(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (!pictograph(cp)) sb.appendCodePoint(cp);
      else sb.append(' ');
    });
    return sb.toString();
  }

  static boolean pictograph(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
        || (cp >= 0x23E9 && cp <= 0x23FA) || cp == 0x231A || cp == 0x231B || cp == 0x2705 || cp == 0x2714
        || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || cp == 0x20E3 || (cp >= 0xE000 && cp <= 0xF8FF)
        || (cp >= 0xE0000 && cp <= 0xE007F) || cp == 0xFFFD;
  }

  /**
   * An item's id from its section and text: their {@link #slug}, unless the slug would keep less than half of the
   * text's letters (Chinese, Japanese, Thai, Cyrillic... text) or be empty: then the slug of the Latin part, if any,
   * and 8 hex digits of a SHA-256 of section and text ({@code item-3f9a0c12}, {@code api-3f9a0c12}). Either way the id
   * depends only on the item's own section and text, so inserting or deleting other items changes no id.
   */
  static String id(String section, String text) {
    String slug = slug((section.isEmpty() ? "" : section + " ") + text);
    long letters = text.codePoints().filter(Character::isLetter).count();
    String own = rawSlug(text);
    long kept = folded(text).chars().filter(c -> c >= 'a' && c <= 'z').count();
    if (!own.isEmpty() && kept * 2 >= letters) return slug;
    String latin = own.isEmpty() ? "item" : own;
    String key = Normalizer.normalize(fold(section) + "\n" + fold(text), Normalizer.Form.NFC);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return (latin.length() > 40 ? rawSlug(latin.substring(0, 40)) : latin) + "-" + HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Lower-case ASCII words joined by '-', accents folded, at most about 80 characters. */
  static String slug(String text) {
    String s = rawSlug(text);
    return s.isEmpty() ? "item" : s;
  }

  /** Lower case with accents folded to ASCII where they fold. */
  private static String folded(String text) {
    String s = text.replace('đ', 'd').replace('Đ', 'D').replace("ß", "ss").replace('ø', 'o').replace('Ø', 'O')
        .replace('ł', 'l').replace('Ł', 'L').replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe");
    return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  private static String rawSlug(String text) {
    String s = folded(text).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > SLUG_MAX) {
      int cut = s.lastIndexOf('-', SLUG_MAX);
      s = cut >= SLUG_MAX / 2 ? s.substring(0, cut) : s.substring(0, SLUG_MAX);
      s = s.replaceAll("-+$", "");
    }
    return s;
  }
}
