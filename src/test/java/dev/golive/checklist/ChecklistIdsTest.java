package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ids are stable under edits elsewhere in the file: inserting an item at the top or in the middle, or deleting one,
 * changes no other item's id, for English, Vietnamese, Indonesian and Chinese checklists.
 */
class ChecklistIdsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ChecklistLoaderTest/003_c55466876ce85479.txt | Confirm the new audit log export works
      ChecklistIdsTest/vi-launch.md                 | Kiểm tra xuất nhật ký kiểm toán mới
      ChecklistLoaderTest/001_ec9426febe30b8e1.txt | Periksa ekspor log audit yang baru
      ChecklistIdsTest/zh-launch.md                 | 确认新的审计日志导出功能正常
      """)
  void insertingOrDeletingAnItemChangesNoOtherId(String resource, String newText) throws Exception {
    String text = Files.readString(Path.of("src/test/resources", resource), StandardCharsets.UTF_8);
    Checklist before = ChecklistLoader.parse(resource, text);
    List<ChecklistItem> tasks = before.items().stream().filter(i -> CleanText.code(i.text()) == null
        && line(text, i.line()).contains("[") && line(text, i.line()).contains(i.text())).toList();
    assertThat(tasks).as("task items without an explicit code").hasSizeGreaterThan(10);

    for (ChecklistItem at : List.of(tasks.get(0), tasks.get(tasks.size() / 2))) {
      String inserted = insertBefore(text, at.line(), line(text, at.line()).replace(at.text(), newText));
      Checklist after = ChecklistLoader.parse(resource, inserted);
      assertThat(after.items()).hasSize(before.items().size() + 1);
      List<String> ids = new ArrayList<>(after.items().stream().map(ChecklistItem::id).toList());
      String added = after.items().stream().filter(i -> i.text().equals(newText)).findFirst().orElseThrow().id();
      ids.remove(added);
      assertThat(ids).as("ids after inserting before line %d", at.line())
          .isEqualTo(before.items().stream().map(ChecklistItem::id).toList());

      String deleted = insertBefore(text, at.line(), null);
      List<String> left = new ArrayList<>(before.items().stream().map(ChecklistItem::id).toList());
      left.remove(at.id());
      assertThat(ChecklistLoader.parse(resource, deleted).items()).extracting(ChecklistItem::id)
          .as("ids after deleting line %d", at.line()).isEqualTo(left);
    }
    assertThat(before.items()).extracting(ChecklistItem::id).doesNotHaveDuplicates()
        .noneMatch(id -> id.matches("item(-\\d+)?"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      生产环境 Kubernetes 集群已完成扩容 | ^kubernetes-[0-9a-f]{8}$
      回滚脚本已在预发环境演练         | ^item-[0-9a-f]{8}$
      Kiểm tra nhật ký kiểm toán       | ^bao-mat-kiem-tra-nhat-ky-kiem-toan$
      Periksa log audit                | ^bao-mat-periksa-log-audit$
      """)
  void textMostlyWithoutLatinLettersGetsAHashOfSectionAndText(String text, String pattern) {
    Checklist c = ChecklistLoader.parse("x.md", "## Bảo mật\n\n- [ ] " + text + "\n");
    assertThat(c.items()).singleElement().extracting(ChecklistItem::id).asString().matches(pattern);
    Checklist other = ChecklistLoader.parse("x.md", "## 安全\n\n- [ ] " + text + "\n");
    if (pattern.contains("[0-9a-f]")) {
      assertThat(other.items().get(0).id()).as("the section is part of the hash").isNotEqualTo(c.items().get(0).id());
    }
  }

  private static String line(String text, int line) {
    return SourceText.split(text).get(line - 1);
  }

  /** The text with {@code newLine} inserted before line {@code line} (1-based), or that line deleted when null. */
  private static String insertBefore(String text, int line, String newLine) {
    List<String> lines = new ArrayList<>(SourceText.split(text));
    if (newLine == null) lines.remove(line - 1);
    else lines.add(line - 1, newLine);
    return String.join("\n", lines) + "\n";
  }
}
