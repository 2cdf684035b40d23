package dev.golive.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a user's text file with bounds: only a regular file (never a device, fifo or folder), at most a given number
 * of bytes, read without trusting the size the file system reports. Blocking; call it off the event loop.
 */
public final class TextFile {
  private TextFile() {}

  /** The file's bytes; {@link InputLimitException} (at line 1, column 1) when it is not a regular file or too large. */
  public static byte[] read(Path file, long maxBytes) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new InputLimitException(1, 1, "not a regular file (a folder, device or fifo is not read)");
    }
    if (Files.exists(file) && Files.size(file) > maxBytes) throw tooLarge(maxBytes);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) throw tooLarge(maxBytes);
      return bytes;
    }
  }

  private static InputLimitException tooLarge(long maxBytes) {
    return new InputLimitException(1, 1, "file larger than " + human(maxBytes) + ", the most golive reads");
  }

  /** {@code 256 KiB}, {@code 2 MiB}. */
  public static String human(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return bytes / (1 << 20) + " MiB";
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return bytes / (1 << 10) + " KiB";
    return bytes + " bytes";
  }

  /**
   * Decodes strict UTF-8; the first byte that is not UTF-8 is an {@link InputLimitException} at its line and column
   * (lines end at {@code \n}).
   */
  public static String utf8(byte[] bytes) throws InputLimitException {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int bad = in.position();
      int line = 1;
      int start = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          start = i + 1;
        }
      }
      int column = new String(bytes, start, bad - start, StandardCharsets.UTF_8).length() + 1;
      throw new InputLimitException(line, column, String.format("not UTF-8: byte 0x%02X cannot start a character;"
          + " save the file as UTF-8", bytes[bad] & 0xFF));
    }
    d.flush(out);
    out.flip();
    return out.toString();
  }
}
