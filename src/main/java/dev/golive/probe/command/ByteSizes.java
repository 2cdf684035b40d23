package dev.golive.probe.command;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them: {@code 65536}, {@code 64KiB}, {@code 64k}, {@code 1MiB}, {@code 2MB}. */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b?)", Pattern.CASE_INSENSITIVE);

  private ByteSizes() {}

  /** Parses a size in bytes; binary multiples (1k = 1KiB = 1024); throws {@link IllegalArgumentException}. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) throw new IllegalArgumentException("bad size '" + text + "' (expected e.g. 65536, 64KiB, 1MiB)");
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }
}
