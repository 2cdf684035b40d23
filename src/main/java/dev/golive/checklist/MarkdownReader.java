package dev.golive.checklist;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads real Markdown with commonmark-java: headings become sections, GFM task items ({@code [ ]}, {@code [x]},
 * {@code [X]}, {@code [~]}) and table rows with a status cell or level columns become items. Positions come from
 * source spans. Lists and quotes nested deeper than {@link ChecklistLoader#MAX_NESTING} are refused.
 */
final class MarkdownReader {
  private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
      .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private static final Pattern CHECKBOX = Pattern.compile("^\\[([^\\[\\]]?)\\](?=[ \\t]|$)");
  /** {@code [x]Text} without the space (seen in real files): only the known marks, and not a link ({@code [x](url)}). */
  private static final Pattern GLUED_CHECKBOX = Pattern.compile("^\\[([ xX~])\\](?=[^\\s(\\[:])");
  private static final Pattern LEADING_CHECKBOX = Pattern.compile("^\\s*\\[[^\\[\\]]?\\]\\s*");
  private static final Pattern TASK_LIKE =
      Pattern.compile("^[ \\t]*(?:>[ \\t]*)*(?:[-*+•]|\\d{1,9}[.)])[ \\t]*\\[([^\\]]{0,3})\\]");
  private static final Set<String> ID_HEADERS = Set.of("id", "#", "code", "mã", "ma", "kode", "ref", "key", "no",
      "no.", "stt", "check id", "item id");
  private static final Set<String> TEXT_HEADERS = Set.of("item", "items", "check", "checklist", "task", "tasks",
      "description", "desc", "mô tả", "hạng mục", "nội dung", "công việc", "kiểm tra", "deskripsi", "keterangan",
      "tugas", "item pemeriksaan", "pemeriksaan", "name", "title", "requirement", "control", "criteria", "tiêu chí");

  private final SourceText src;
  private final List<Draft> drafts = new ArrayList<>();
  private final List<LoadNote> notes = new ArrayList<>();
  private final String[] headings = new String[7];
  private final Map<Node, Integer> taskIndex = new IdentityHashMap<>();
  private final Set<Integer> codeLines = new HashSet<>();
  private final Set<Integer> readLines = new HashSet<>();
  private final TreeMap<Integer, String> repairs = new TreeMap<>();

  MarkdownReader(SourceText src) {
    this.src = src;
  }

  List<Draft> drafts() {
    return drafts;
  }

  List<LoadNote> notes() {
    return notes;
  }

  /** Lines (1-based) whose text was repaired, with the wrong encoding it was read as. */
  TreeMap<Integer, String> repairs() {
    return repairs;
  }

  MarkdownReader read() throws InputLimitException {
    walk(PARSER.parse(src.cleanedText()), 0);
    noteUnreadTaskLines();
    return this;
  }

  /** Walks the tree; {@code nesting} counts the lists and block quotes around {@code node}. */
  private void walk(Node node, int nesting) throws InputLimitException {
    if (node instanceof ListBlock || node instanceof BlockQuote) {
      if (nesting >= ChecklistLoader.MAX_NESTING) {
        int lineIndex = node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex();
        int column = node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getColumnIndex();
        throw new InputLimitException(lineIndex + 1, src.offset(lineIndex) + column + 1, "lists and quotes nested"
            + " deeper than " + ChecklistLoader.MAX_NESTING + " levels");
      }
      nesting++;
    }
    if (node instanceof Heading h) {
      int level = Math.min(Math.max(h.getLevel(), 1), 6);
      headings[level] = CleanText.heading(repaired(plain(h), line(h)));
      for (int l = level + 1; l < headings.length; l++) headings[l] = null;
      return;
    }
    if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock || node instanceof HtmlBlock) {
      node.getSourceSpans().forEach(s -> codeLines.add(s.getLineIndex()));
      return;
    }
    if (node instanceof TableBlock t) {
      table(t);
      return;
    }
    if (node instanceof ListItem li) task(li);
    for (Node c = node.getFirstChild(); c != null; c = c.getNext()) walk(c, nesting);
  }

  private void task(ListItem li) {
    if (!(li.getFirstChild() instanceof Paragraph p) || p.getSourceSpans().isEmpty()) return;
    SourceSpan span = p.getSourceSpans().get(0);
    int lineIndex = span.getLineIndex();
    String raw = src.cleaned(lineIndex).substring(Math.min(span.getColumnIndex(), src.cleaned(lineIndex).length()));
    Matcher m = CHECKBOX.matcher(raw);
    if (!m.find()) {
      m = GLUED_CHECKBOX.matcher(raw);
      if (!m.find()) return;
    }
    readLines.add(lineIndex);
    DeclaredState state = switch (m.group(1)) {
      case " " -> DeclaredState.UNCHECKED;
      case "x", "X" -> DeclaredState.CHECKED;
      case "~" -> DeclaredState.PARTIAL;
      default -> null;
    };
    int line = lineIndex + 1;
    if (state == null) {
      notes.add(new LoadNote(line, "'[" + m.group(1) + "]' is not a checkbox golive reads ([ ], [x], [~]); the line"
          + " was not read as an item"));
      return;
    }
    String text = CleanText.clean(repaired(LEADING_CHECKBOX.matcher(plain(p)).replaceFirst(""), line));
    if (text.isEmpty()) {
      notes.add(new LoadNote(line, "task item without text skipped"));
      return;
    }
    int parent = -1;
    for (Node a = li.getParent(); a != null; a = a.getParent()) {
      Integer idx = taskIndex.get(a);
      if (idx != null) {
        parent = idx;
        break;
      }
    }
    taskIndex.put(li, drafts.size());
    int column = src.offset(lineIndex) + span.getColumnIndex() + 1;
    drafts.add(new Draft(CleanText.code(text), sections(), text, state, line, column, parent));
  }

  private void table(TableBlock t) {
    List<String> header = new ArrayList<>();
    List<TableRow> rows = new ArrayList<>();
    for (Node part = t.getFirstChild(); part != null; part = part.getNext()) {
      for (Node r = part.getFirstChild(); r != null; r = r.getNext()) {
        if (!(r instanceof TableRow row)) continue;
        if (part instanceof TableHead) header = cells(row);
        else if (part instanceof TableBody) rows.add(row);
      }
    }
    List<List<String>> body = rows.stream().map(this::cells).toList();
    List<String> heads = header;
    int status = statusColumn(header, body);
    if (status < 0) return;
    boolean statusByHeader = StatusWords.isStatusHeader(header.get(status));
    List<Integer> levels = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      if (c != status && markColumn(body, c)) levels.add(c);
    }
    if (!statusByHeader && !levels.isEmpty()) {
      levels.add(0, status);
      levels.sort(null);
      status = -1;
      if (!rows.isEmpty() && !rows.get(0).getSourceSpans().isEmpty()) {
        notes.add(new LoadNote(rows.get(0).getSourceSpans().get(0).getLineIndex() + 1, "a table of level columns ("
            + String.join(", ", levels.stream().map(c -> CleanText.clean(heads.get(c))).toList()) + "): each row"
            + " is an item with no declared state, its marks kept as the item's levels; add a 'Status' column to"
            + " declare what is done"));
      }
    }
    int id = -1;
    for (int c = 0; c < header.size(); c++) {
      if (c != status && !levels.contains(c)
          && (ID_HEADERS.contains(StatusWords.normalize(header.get(c))) || codeColumn(body, c))) {
        id = c;
        break;
      }
    }
    int textCol = -1;
    for (int c = 0; c < header.size() && textCol < 0; c++) {
      if (c != status && c != id && !levels.contains(c) && TEXT_HEADERS.contains(StatusWords.normalize(header.get(c)))) {
        textCol = c;
      }
    }
    boolean textByHeader = textCol >= 0;
    for (int c = 0; c < header.size() && textCol < 0; c++) {
      if (c != status && c != id && !levels.contains(c)) textCol = c;
    }
    int marker = status >= 0 ? status : levels.get(0);
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).getSourceSpans().isEmpty()) continue;
      int lineIndex = rows.get(r).getSourceSpans().get(0).getLineIndex();
      int line = lineIndex + 1;
      readLines.add(lineIndex);
      List<String> cells = body.get(r);
      String idCell = id >= 0 ? CleanText.clean(repaired(cell(cells, id), line)) : "";
      String text = textCol >= 0 ? CleanText.clean(repaired(cell(cells, textCol), line)) : "";
      String idCode = CleanText.code(idCell);
      if (text.isEmpty() || !textByHeader && idCode != null && idCell.length() > idCode.length() + 2) text = idCell;
      if (text.isEmpty()) {
        notes.add(new LoadNote(line, "table row without an id or text skipped"));
        continue;
      }
      String code = CleanText.code(idCell);
      if (code == null) code = CleanText.code(text);
      DeclaredState state = status >= 0 ? StatusWords.parse(cell(cells, status)) : null;
      Map<String, String> marks = new LinkedHashMap<>();
      for (int c : levels) marks.put(CleanText.clean(header.get(c)), StatusWords.mark(cell(cells, c)));
      String rawLine = src.cleaned(lineIndex);
      List<int[]> ranges = cellRanges(rawLine);
      int column;
      if (marker < ranges.size()) {
        int[] range = ranges.get(marker);
        int s = range[0];
        while (s < range[1] && Character.isWhitespace(rawLine.charAt(s))) s++;
        column = src.offset(lineIndex) + (s < range[1] ? s : Math.min(range[0] + 1, range[1])) + 1;
      } else {
        column = src.offset(lineIndex) + rawLine.length() + 1;
      }
      drafts.add(new Draft(code, sections(), text, state == null ? DeclaredState.NONE : state, line, column, -1,
          marks));
    }
  }

  private static String cell(List<String> cells, int c) {
    return c < cells.size() ? cells.get(c) : "";
  }

  private static int statusColumn(List<String> header, List<List<String>> body) {
    for (int c = 0; c < header.size(); c++) {
      if (StatusWords.isStatusHeader(header.get(c))) return c;
    }
    for (int c = 0; c < header.size(); c++) {
      if (markColumn(body, c)) return c;
    }
    return -1;
  }

  /** A column whose filled cells all start with a status mark (an emoji such as ✅ or a shortcode such as :x:). */
  private static boolean markColumn(List<List<String>> body, int c) {
    boolean any = false;
    for (List<String> row : body) {
      String v = cell(row, c);
      if (v.isBlank()) continue;
      if (!StatusWords.startsWithStatusEmoji(v)) return false;
      any = true;
    }
    return any;
  }

  private static boolean codeColumn(List<List<String>> body, int c) {
    int codes = 0;
    int filled = 0;
    for (List<String> row : body) {
      String v = CleanText.clean(cell(row, c));
      if (v.isEmpty()) continue;
      filled++;
      if (CleanText.code(v) != null) codes++;
    }
    return filled > 0 && codes * 2 >= filled;
  }

  private List<String> cells(TableRow row) {
    List<String> out = new ArrayList<>();
    for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
      if (c instanceof TableCell) out.add(plain(c));
    }
    return out;
  }

  /** Content ranges [start, end) of a table line's cells, split at unescaped pipes. */
  static List<int[]> cellRanges(String line) {
    List<Integer> pipes = new ArrayList<>();
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) pipes.add(i);
    }
    List<int[]> out = new ArrayList<>();
    String trimmed = line.strip();
    boolean leading = trimmed.startsWith("|");
    boolean trailing = trimmed.length() > 1 && trimmed.endsWith("|") && !trimmed.endsWith("\\|");
    int start = leading ? pipes.get(0) + 1 : 0;
    for (int k = leading ? 1 : 0; k < pipes.size(); k++) {
      out.add(new int[] {start, pipes.get(k)});
      start = pipes.get(k) + 1;
    }
    if (!trailing) out.add(new int[] {start, line.length()});
    return out;
  }

  private List<String> sections() {
    List<String> out = new ArrayList<>();
    for (String h : headings) {
      if (h != null && !h.isEmpty()) out.add(h);
    }
    return out;
  }

  private static int line(Node n) {
    return n.getSourceSpans().isEmpty() ? 0 : n.getSourceSpans().get(0).getLineIndex() + 1;
  }

  private String repaired(String raw, int line) {
    CleanText.Repaired r = CleanText.repair(raw);
    if (r.from() != null && line > 0) repairs.putIfAbsent(line, r.from());
    return r.text();
  }

  /** The text of inline content: code spans and link texts kept, emphasis marks, HTML and URLs dropped. */
  static String plain(Node node) {
    StringBuilder sb = new StringBuilder();
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(node);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (n instanceof Text t) {
        sb.append(t.getLiteral());
      } else if (n instanceof Code c) {
        sb.append(c.getLiteral());
      } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
        sb.append(' ');
      } else if (!(n instanceof HtmlInline)) {
        for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) todo.push(c);
      }
    }
    return sb.toString();
  }

  private void noteUnreadTaskLines() {
    List<String> lines = src.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (codeLines.contains(i) || readLines.contains(i)) continue;
      Matcher m = TASK_LIKE.matcher(src.cleaned(i));
      if (m.find()) {
        notes.add(new LoadNote(i + 1, "looks like a task item but is not one by Markdown rules (a task item is '- [ ] text'"
            + " starting its own list item); not read"));
      }
    }
  }
}
