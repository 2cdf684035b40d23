package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Level tables, the no-space task form and the loader's limits. */
class ChecklistFormatsTest {

  @Test
  void aTableOfLevelColumnsGivesOneItemPerRowWithTheMarksKeptAsLevels() {
    Checklist c = ChecklistLoader.parse("readiness.md", """
        # Production readiness

        ## Observability

        | Item | Level 1 | Level 2 | Level 3 |
        |------|:-------:|:-------:|:-------:|
        | Service exposes RED metrics | :white_check_mark: | :white_check_mark: | :white_check_mark: |
        | Alerts page the owning team | | :white_check_mark: | ✅ |
        | SLOs defined and reviewed | ☐ | ❌ | ✔ |
        | Distributed tracing | | | ✓ |
        """);
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("Service exposes RED metrics",
        "Alerts page the owning team", "SLOs defined and reviewed", "Distributed tracing");
    assertThat(c.items()).extracting(ChecklistItem::declared).containsOnly(DeclaredState.NONE);
    assertThat(c.items().get(0).levels()).containsExactly(Map.entry("Level 1", "✅"), Map.entry("Level 2", "✅"),
        Map.entry("Level 3", "✅"));
    assertThat(c.items().get(1).levels()).containsExactly(Map.entry("Level 1", ""), Map.entry("Level 2", "✅"),
        Map.entry("Level 3", "✅"));
    assertThat(c.items().get(2).levels()).containsExactly(Map.entry("Level 1", "☐"), Map.entry("Level 2", "❌"),
        Map.entry("Level 3", "✔"));
    assertThat(c.items().get(0).id()).isEqualTo("observability-service-exposes-red-metrics");
    assertThat(c.items().get(0).line()).isEqualTo(7);
    assertThat(c.notes()).singleElement().satisfies(n -> {
      assertThat(n.line()).isEqualTo(7);
      assertThat(n.message()).contains("level columns (Level 1, Level 2, Level 3)", "no declared state",
          "'Status' column");
    });
  }

  @Test
  void aStatusColumnNextToLevelColumnsDeclaresTheStateAndTheLevelsStayData() {
    Checklist c = ChecklistLoader.parse("r.md", """
        | Check | Staging | Production | Status |
        |-------|---------|------------|--------|
        | Backups restore | :heavy_check_mark: | :x: | done |
        | Runbook written | :x: | :x: | todo |
        """);
    assertThat(c.items()).extracting(ChecklistItem::declared)
        .containsExactly(DeclaredState.CHECKED, DeclaredState.UNCHECKED);
    assertThat(c.items().get(0).levels()).containsExactly(Map.entry("Staging", "✔"), Map.entry("Production", "❌"));
    assertThat(c.notes()).isEmpty();
  }

  @Test
  void aShortcodeStatusColumnIsReadLikeItsEmoji() {
    Checklist c = ChecklistLoader.parse("s.md", """
        | Task | Done |
        |------|------|
        | Load test at 2x peak | :white_check_mark: |
        | Chaos drill | :x: |
        """);
    assertThat(c.items()).extracting(ChecklistItem::declared)
        .containsExactly(DeclaredState.CHECKED, DeclaredState.UNCHECKED);
    assertThat(c.items()).allSatisfy(i -> assertThat(i.levels()).isEmpty());
  }

  @Test
  void aCheckboxWithoutTheSpaceIsATaskItemButALinkIsNot() {
    Checklist c = ChecklistLoader.parse("kep.md", """
        ## Graduation Criteria

        - [x]Basic functionality
        - [ ]Feature gate enabled by default
        - [X]**Conformance** tests
        - [x](https://example.com/not-a-task)
        - [ ] Regular item
        """);
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("Basic functionality",
        "Feature gate enabled by default", "Conformance tests", "Regular item");
    assertThat(c.items()).extracting(ChecklistItem::declared).containsExactly(DeclaredState.CHECKED,
        DeclaredState.UNCHECKED, DeclaredState.CHECKED, DeclaredState.UNCHECKED);
    assertThat(c.items().get(0).id()).isEqualTo("graduation-criteria-basic-functionality");
    assertThat(c.items().get(0).column()).isEqualTo(3);
  }

  @Test
  void limitsAreRefusedWithTheirPlace() {
    assertThatThrownBy(() -> ChecklistLoader.parse("d.md", "# t\n\n" + "> ".repeat(40) + "- [ ] deep\n"))
        .isInstanceOf(UncheckedIOException.class).cause().isInstanceOf(InputLimitException.class)
        .hasMessageContaining("nested deeper than 32").satisfies(e -> {
          assertThat(((InputLimitException) e).line()).isEqualTo(3);
          assertThat(((InputLimitException) e).column()).isEqualTo(65);
        });
    StringBuilder nested = new StringBuilder();
    for (int d = 0; d < 40; d++) nested.append("  ".repeat(d)).append("- [ ] level ").append(d).append('\n');
    assertThatThrownBy(() -> ChecklistLoader.parse("l.md", nested.toString())).cause()
        .hasMessageContaining("nested deeper than 32").satisfies(e ->
            assertThat(((InputLimitException) e).line()).isEqualTo(33));
    assertThatThrownBy(() -> ChecklistLoader.parse("n.md", "- [ ] a\n- [ ] b\u0000c\n")).cause()
        .hasMessageContaining("NUL byte").satisfies(e -> {
          assertThat(((InputLimitException) e).line()).isEqualTo(2);
          assertThat(((InputLimitException) e).column()).isEqualTo(8);
        });
    String many = "- [ ] item\n".repeat(ChecklistLoader.MAX_ITEMS + 1);
    assertThatThrownBy(() -> ChecklistLoader.parse("m.md", many)).cause()
        .hasMessageContaining("more than 10000 items").satisfies(e ->
            assertThat(((InputLimitException) e).line()).isEqualTo(ChecklistLoader.MAX_ITEMS + 1));
    assertThat(ChecklistLoader.parse("ok.md", "- [ ] item\n".repeat(ChecklistLoader.MAX_ITEMS)).items())
        .hasSize(ChecklistLoader.MAX_ITEMS);
  }
}
