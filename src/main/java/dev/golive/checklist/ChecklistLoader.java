package dev.golive.checklist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a team's Markdown checklist as it is, damage included, and never writes to it. Headings are sections; GFM task
 * items ({@code [ ]}, {@code [x]}, {@code [~]}, nested, also {@code [x]Text}), table rows with a status cell and rows
 * of a level table (two or more columns of marks, kept as {@link ChecklistItem#levels()}) are items. A scraped web
 * view's {@code |} gutter is ignored, emoji mojibake in texts is repaired, and a page whose tables were flattened into
 * text yields the lines that start with an item code. Whatever could not be read is told in {@link Checklist#notes()}.
 * Ids are stable: the same text gives the same ids. Stateless and thread-safe; {@link #load} reads the disk, so call
 * it off the event loop.
 */
public final class ChecklistLoader {
  /** Largest checklist file read. */
  public static final int MAX_BYTES = 1 << 20;
  /** Most items in one checklist. */
  public static final int MAX_ITEMS = 10_000;
  /** Deepest nesting of lists and block quotes. */
  public static final int MAX_NESTING = 32;
  private static final int MAX_LINES_LISTED = 12;

  private ChecklistLoader() {}

  /**
   * Reads a file as UTF-8; bytes that are not UTF-8 are replaced (U+FFFD) and told in a note. A file that is not a
   * regular file, is larger than {@link #MAX_BYTES}, holds a NUL byte, nests deeper than {@link #MAX_NESTING} or has
   * more than {@link #MAX_ITEMS} items is refused with an {@link InputLimitException} saying where.
   */
  public static Checklist load(Path file) throws IOException {
    byte[] bytes = TextFile.read(file, MAX_BYTES);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return read(file.toString(), text);
    } catch (CharacterCodingException e) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      Checklist c = read(file.toString(), text);
      List<LoadNote> notes = new ArrayList<>(c.notes());
      int line = firstLineWith(text, '\uFFFD');
      notes.add(0, new LoadNote(line, "the file is not valid UTF-8: bytes that are not UTF-8 were replaced by '\uFFFD'"));
      return new Checklist(c.file(), c.text(), c.items(), notes);
    }
  }

  /**
   * Reads {@code text} (the content of {@code file}, which is only used in messages). A text over the limits of
   * {@link #load} throws {@link UncheckedIOException} wrapping the {@link InputLimitException}.
   */
  public static Checklist parse(String file, String text) {
    try {
      return read(file, text);
    } catch (InputLimitException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Checklist read(String file, String text) throws InputLimitException {
    ChecklistLimits.check(text);
    SourceText src = new SourceText(text);
    List<LoadNote> notes = new ArrayList<>(src.notes());
    MarkdownReader md = new MarkdownReader(src).read();
    notes.addAll(md.notes());
    List<Draft> drafts = md.drafts();
    TreeMap<Integer, String> repairs = new TreeMap<>(md.repairs());
    if (drafts.isEmpty()) {
      FlatTextReader flat = new FlatTextReader(src).read();
      if (!flat.drafts().isEmpty()) {
        drafts = flat.drafts();
        notes.add(new LoadNote(0, "no Markdown task items or status tables: the text looks like a page whose tables"
            + " were flattened (cells run together); " + drafts.size() + " lines that start with an item code were read"
            + " as items with no declared state, " + flat.skipped() + " other lines were skipped"));
      } else {
        notes.add(new LoadNote(0, "no items found: no task items ('- [ ] text'), no table rows with a status cell and"
            + " no lines starting with an item code such as GO-001"));
      }
    }
    if (!repairs.isEmpty()) notes.add(repairNote(repairs));
    if (drafts.size() > MAX_ITEMS) {
      Draft over = drafts.get(MAX_ITEMS);
      throw new InputLimitException(over.line(), over.column(), "more than " + MAX_ITEMS
          + " items; split the checklist into several plans");
    }
    notes.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new Checklist(file, text, items(drafts), notes);
  }

  /**
   * Gives ids in file order: the explicit code, else a slug of section and text (for text mostly without Latin
   * letters, a hash of section and text: {@link CleanText#id}); repeats get -2, -3...
   */
  private static List<ChecklistItem> items(List<Draft> drafts) {
    Set<String> used = new HashSet<>();
    List<String> ids = new ArrayList<>();
    List<ChecklistItem> items = new ArrayList<>();
    for (Draft d : drafts) {
      String base = d.code() != null ? d.code()
          : CleanText.id(d.sections().isEmpty() ? "" : d.sections().get(d.sections().size() - 1), d.text());
      String id = base;
      for (int n = 2; used.contains(id.toLowerCase()); n++) id = base + "-" + n;
      used.add(id.toLowerCase());
      ids.add(id);
      String parent = d.parent() >= 0 ? ids.get(d.parent()) : null;
      items.add(new ChecklistItem(id, d.sections(), d.text(), d.state(), d.line(), d.column(), parent, d.levels()));
    }
    return items;
  }

  private static LoadNote repairNote(TreeMap<Integer, String> repairs) {
    Map<String, List<Integer>> byCharset = new TreeMap<>();
    repairs.forEach((line, cs) -> byCharset.computeIfAbsent(cs, k -> new ArrayList<>()).add(line));
    String detail = byCharset.entrySet().stream().map(e -> "as " + e.getKey() + " on line"
        + (e.getValue().size() > 1 ? "s " : " ") + e.getValue().stream().limit(MAX_LINES_LISTED).map(String::valueOf)
            .collect(Collectors.joining(", ")) + (e.getValue().size() > MAX_LINES_LISTED ? ", ..." : ""))
        .collect(Collectors.joining("; "));
    return new LoadNote(repairs.firstKey(), "mojibake repaired in item and heading texts (UTF-8 that had been read "
        + detail + "); the file itself is unchanged");
  }

  private static int firstLineWith(String text, char c) {
    int idx = text.indexOf(c);
    if (idx < 0) return 0;
    return SourceText.split(text.substring(0, idx + 1)).size();
  }
}
