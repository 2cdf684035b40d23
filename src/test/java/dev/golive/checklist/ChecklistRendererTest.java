package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecklistRendererTest {

  @Test
  void singleCharacterMarksGoInTheBoxAndOtherLinesStayByteForByte() {
    String text = "# Ship\r\n\r\nIntro with [x] in prose.\r\n- [ ] Build green\r\n  - [x] Nested  \r\n- [~] Smoke\r\n";
    Checklist c = ChecklistLoader.parse("s.md", text);
    Map<String, String> marks = Map.of("Build green", "x", "Nested", " ", "Smoke", "x");
    String out = ChecklistRenderer.render(c, i -> marks.get(i.text()));
    assertThat(out).isEqualTo(
        "# Ship\r\n\r\nIntro with [x] in prose.\r\n- [x] Build green\r\n  - [ ] Nested  \r\n- [x] Smoke\r\n");
  }

  @Test
  void stateWordsTickDoneAndExplainTheRest() {
    Checklist c = ChecklistLoader.parse("s.md", """
        ## Go
        - [x] Claimed but failing
        - [ ] Probed and done
        - [ ] Waiting
        - [x] Left alone
        """);
    Map<String, String> states = Map.of("Claimed but failing", "contradicted", "Probed and done", "done",
        "Waiting", "pending");
    String out = ChecklistRenderer.render(c, i -> states.get(i.text()));
    assertThat(out).isEqualTo("""
        ## Go
        - [ ] Claimed but failing _(golive: contradicted)_
        - [x] Probed and done
        - [ ] Waiting
        - [x] Left alone
        """);
  }

  @Test
  void scrapedSeedKeepsItsGutterAndOnlyItemLinesChange() {
    Checklist c = ChecklistLoaderTest.load(ChecklistLoaderTest.SEED_001);
    String out = ChecklistRenderer.render(c, i -> i.line() == 36 ? "done" : i.line() == 73 ? "failing" : null);
    List<String> in = SourceText.split(c.text());
    List<String> lines = SourceText.split(out);
    assertThat(lines).hasSize(in.size());
    assertThat(lines.get(35)).isEqualTo("- [x] Meta webhook handshake diuji dengan callback URL publik `https`");
    assertThat(lines.get(72)).isEqualTo("- [ ] Login flow aktif _(golive: failing)_");
    for (int k = 0; k < in.size(); k++) {
      if (k != 35 && k != 72) assertThat(lines.get(k)).as("line %d", k + 1).isEqualTo(in.get(k));
    }
  }

  @Test
  void everySeedRendersWithEveryBoxTicked() {
    for (String seed : List.of(ChecklistLoaderTest.SEED_001, ChecklistLoaderTest.SEED_002, ChecklistLoaderTest.SEED_003,
        ChecklistLoaderTest.SEED_004)) {
      Checklist c = ChecklistLoaderTest.load(seed);
      String out = ChecklistRenderer.render(c, i -> "done");
      Checklist reread = ChecklistLoader.parse(seed, out);
      assertThat(reread.items()).hasSize(c.items().size())
          .allSatisfy(i -> assertThat(i.declared()).isEqualTo(DeclaredState.CHECKED));
      assertThat(reread.items()).extracting(ChecklistItem::id)
          .containsExactlyElementsOf(c.items().stream().map(ChecklistItem::id).toList());
    }
  }

  @Test
  void tableStatusCellsShowTheLiveState() {
    String text = """
        | ID | Gate | Status |
        |----|------|--------|
        | GO-001 | Scope | ❌ |
        | GO-002 | Perm | ✅ done |
        | GO-003 | Data |  |
        """;
    Checklist c = ChecklistLoader.parse("t.md", text);
    Map<String, String> states = Map.of("GO-001", "done", "GO-002", "regressed", "GO-003", "x");
    String out = ChecklistRenderer.render(c, i -> states.get(i.id()));
    assertThat(out).isEqualTo("""
        | ID | Gate | Status |
        |----|------|--------|
        | GO-001 | Scope | ✅ done |
        | GO-002 | Perm | ❌ regressed |
        | GO-003 | Data | ✅ |
        """);
    assertThat(ChecklistLoader.parse("t.md", out).items()).extracting(ChecklistItem::declared)
        .containsExactly(DeclaredState.CHECKED, DeclaredState.UNCHECKED, DeclaredState.CHECKED);
  }

  @Test
  void flattenedRowsGetASuffix() {
    Checklist c = ChecklistLoaderTest.load(ChecklistLoaderTest.SEED_000);
    String out = ChecklistRenderer.render(c, i -> i.id().equals("GO-002") ? "passing" : i.id().equals("GO-003") ? "x"
        : null);
    List<String> lines = SourceText.split(out);
    assertThat(lines.get(22)).isEqualTo(
        "GO-002 PermissionTL/BE/QADynamic grants + Hasura least-data pass TC-012 _(golive: passing)_");
    assertThat(lines.get(23)).isEqualTo("GO-003 DataDBA/BEMigration/metadata apply clean, rollback script ready [x]");
    assertThat(lines.get(21)).isEqualTo(SourceText.split(c.text()).get(21));
  }

  @Test
  void nullStatesLeaveTheTextUnchanged() {
    for (String seed : List.of(ChecklistLoaderTest.SEED_000, ChecklistLoaderTest.SEED_003,
        ChecklistLoaderTest.SEED_004)) {
      Checklist c = ChecklistLoaderTest.load(seed);
      assertThat(ChecklistRenderer.render(c, i -> null)).isEqualTo(c.text());
    }
  }
}
