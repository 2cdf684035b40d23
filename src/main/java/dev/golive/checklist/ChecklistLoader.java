package dev.golive.checklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a team's Markdown checklist as it is. Never writes to the file. (Placeholder: being implemented.) */
public final class ChecklistLoader {
  private ChecklistLoader() {}

  public static Checklist load(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  public static Checklist parse(String file, String text) {
    return new Checklist(file, text, List.of(), List.of(new LoadNote(0, "loader not implemented")));
  }
}
