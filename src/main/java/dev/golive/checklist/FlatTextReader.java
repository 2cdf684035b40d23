package dev.golive.checklist;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a page whose tables were flattened into text (a web page copied as text: cells run together, no Markdown):
 * every line that starts with an item code ({@code GO-001 ...}) is an item with no declared state; a short line
 * standing alone between blank lines (or a Markdown heading) is a section.
 */
final class FlatTextReader {
  private static final Pattern FENCE = Pattern.compile("^[ \\t]*(```|~~~)");
  private static final Pattern BULLET = Pattern.compile("^[ \\t]*(?:[-*+•·]|\\d+[.)])\\s");
  private static final int MAX_SECTION = 80;

  private final SourceText src;
  private final List<Draft> drafts = new ArrayList<>();
  private int skipped;

  FlatTextReader(SourceText src) {
    this.src = src;
  }

  List<Draft> drafts() {
    return drafts;
  }

  /** Non-blank lines that were neither items nor sections. */
  int skipped() {
    return skipped;
  }

  FlatTextReader read() {
    int n = src.lines().size();
    String section = null;
    boolean fenced = false;
    for (int i = 0; i < n; i++) {
      String line = src.cleaned(i);
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
        continue;
      }
      if (fenced || line.isBlank()) continue;
      String text = CleanText.clean(line);
      String code = CleanText.code(text);
      if (code != null) {
        int lead = 0;
        while (lead < line.length() && Character.isWhitespace(line.charAt(lead))) lead++;
        drafts.add(new Draft(code, section == null ? List.of() : List.of(section), text, DeclaredState.NONE, i + 1,
            src.offset(i) + lead + 1, -1));
      } else if (line.stripLeading().startsWith("#")) {
        section = CleanText.heading(line.strip().replaceFirst("^#+\\s*", "").replaceFirst("\\s#+$", ""));
      } else if (standalone(i) && !text.isEmpty() && text.length() <= MAX_SECTION && !BULLET.matcher(line).find()) {
        section = CleanText.heading(line);
      } else {
        skipped++;
      }
    }
    return this;
  }

  private boolean standalone(int i) {
    boolean before = i == 0 || src.cleaned(i - 1).isBlank();
    boolean after = i + 1 >= src.lines().size() || src.cleaned(i + 1).isBlank();
    return before && after;
  }
}
