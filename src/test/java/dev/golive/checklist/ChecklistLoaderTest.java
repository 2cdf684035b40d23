package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecklistLoaderTest {
  static final String SEED_000 = "000_3e3b90ff55fcefdd.txt";
  static final String SEED_001 = "001_ec9426febe30b8e1.txt";
  static final String SEED_002 = "002_3cac856bd75332e6.txt";
  static final String SEED_003 = "003_c55466876ce85479.txt";
  static final String SEED_004 = "004_2ead1a56c77e3557.txt";
  private static final List<String> MOJIBAKE = List.of("â", "Ã", "ðŸ", "Â", "œ", "€", "\uF8FF", "√", "∏", "üì", "\uFFFD");

  static Path seed(String name) {
    try {
      return Path.of(ChecklistLoaderTest.class.getResource("/ChecklistLoaderTest/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Checklist load(String name) {
    try {
      return ChecklistLoader.load(seed(name));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChecklistItem at(Checklist c, int line) {
    return c.items().stream().filter(i -> i.line() == line).findFirst()
        .orElseThrow(() -> new AssertionError("no item on line " + line));
  }

  private static Map<DeclaredState, Long> states(Checklist c) {
    return c.items().stream().collect(Collectors.groupingBy(ChecklistItem::declared, Collectors.counting()));
  }

  @ParameterizedTest
  @CsvSource({SEED_001 + ",79,35,39,5", SEED_002 + ",48,0,48,0", SEED_003 + ",247,0,247,0", SEED_004 + ",73,28,45,0"})
  void seedYieldsEveryTaskItemWithItsDeclaredState(String name, int items, long checked, long unchecked,
      long partial) {
    Checklist c = load(name);
    assertThat(c.items()).hasSize(items);
    Map<DeclaredState, Long> s = states(c);
    assertThat(s.getOrDefault(DeclaredState.CHECKED, 0L)).isEqualTo(checked);
    assertThat(s.getOrDefault(DeclaredState.UNCHECKED, 0L)).isEqualTo(unchecked);
    assertThat(s.getOrDefault(DeclaredState.PARTIAL, 0L)).isEqualTo(partial);
  }

  @ParameterizedTest
  @CsvSource({SEED_000, SEED_001, SEED_002, SEED_003, SEED_004})
  void seedTextsAreCleanAndIdsUniqueSlashFreeAndStable(String name) throws Exception {
    Checklist c = load(name);
    for (ChecklistItem i : c.items()) {
      for (String bad : MOJIBAKE) {
        if (!name.equals(SEED_000) || !bad.equals("â")) {
          assertThat(i.text()).as("text of line %d", i.line()).doesNotContain(bad);
          assertThat(i.sections()).as("sections of line %d", i.line()).allSatisfy(s -> assertThat(s).doesNotContain(bad));
        }
      }
      assertThat(i.text()).doesNotContain("[ ]", "[x]", "**", "`").isEqualTo(i.text().strip());
      assertThat(i.id()).doesNotContain("/", " ").isNotEmpty();
    }
    assertThat(c.items().stream().map(ChecklistItem::id).distinct()).hasSize(c.items().size());
    Checklist again = ChecklistLoader.parse("other-name.md", Files.readString(seed(name), StandardCharsets.UTF_8));
    assertThat(again.items()).isEqualTo(c.items());
    assertThat(c.text()).isEqualTo(Files.readString(seed(name), StandardCharsets.UTF_8));
  }

  @Test
  void flattenedPageYieldsItsEightGoItemsWithoutAClaim() {
    Checklist c = load(SEED_000);
    assertThat(c.items()).extracting(ChecklistItem::id)
        .containsExactly("GO-001", "GO-002", "GO-003", "GO-004", "GO-005", "GO-006", "GO-007", "GO-008");
    assertThat(c.items()).extracting(ChecklistItem::line).containsExactly(22, 23, 24, 25, 26, 27, 28, 29);
    assertThat(c.items()).allSatisfy(i -> {
      assertThat(i.declared()).isEqualTo(DeclaredState.NONE);
      assertThat(i.sections()).containsExactly("Release gates");
      assertThat(i.column()).isEqualTo(1);
    });
    assertThat(at(c, 22).text()).isEqualTo("GO-001 ScopePO/TLSource of Truth được approve, no open P0 decision");
    assertThat(at(c, 29).text()).startsWith("GO-008 Security gate (DEC-035) TL/BE/SecurityBẮT BUỘC trước GA")
        .doesNotContain("🆕", "  ");
    assertThat(c.notes()).anySatisfy(n -> assertThat(n.message()).contains("flattened", "8 lines", "skipped"));
  }

  @Test
  void scrapedWebViewIgnoresItsGutterLines() {
    Checklist c = load(SEED_001);
    ChecklistItem first = c.items().get(0);
    assertThat(first.line()).isEqualTo(36);
    assertThat(first.column()).isEqualTo(3);
    assertThat(first.text()).isEqualTo("Meta webhook handshake diuji dengan callback URL publik https");
    assertThat(first.sections()).containsExactly("Production Checklist", "Critical Before Go-Live");
    assertThat(first.declared()).isEqualTo(DeclaredState.UNCHECKED);
    assertThat(first.id()).isEqualTo("critical-before-go-live-meta-webhook-handshake-diuji-dengan-callback-url-publik");
    assertThat(at(c, 73).text()).isEqualTo("Login flow aktif");
    assertThat(at(c, 73).declared()).isEqualTo(DeclaredState.CHECKED);
    assertThat(at(c, 91).declared()).isEqualTo(DeclaredState.PARTIAL);
    assertThat(at(c, 91).text()).isEqualTo("Security notification emails sudah diimplementasikan, belum diuji SMTP end-to-end");
    assertThat(at(c, 252).text())
        .isEqualTo("Health check production target sudah ditetapkan: https://portal.bizone.id/api/health");
    assertThat(c.items().get(c.items().size() - 1).line()).isEqualTo(326);
    // the status legend ("- `[x]` sudah siap") is not a task item; neither are the "Production Targets" bullets
    assertThat(c.items()).noneMatch(i -> i.line() == 20 || i.line() == 23 || i.line() == 26 || i.line() > 326);
    assertThat(c.notes()).anySatisfy(n -> {
      assertThat(n.line()).isEqualTo(8);
      assertThat(n.message()).contains("265 lines holding only '|'");
    });
  }

  @Test
  void plainMarkdownKeepsTheHeadingPathWithoutNumbering() {
    Checklist c = load(SEED_002);
    ChecklistItem first = at(c, 8);
    assertThat(first.text()).isEqualTo("Run migrations and verify they apply cleanly: flask db upgrade");
    assertThat(first.sections()).containsExactly("LT CRM - QA Deployment Checklist", "Pre-Deployment Checks", "Database");
    assertThat(first.id()).isEqualTo("database-run-migrations-and-verify-they-apply-cleanly-flask-db-upgrade");
    assertThat(at(c, 55).sections()).containsExactly("LT CRM - QA Deployment Checklist", "Post-Deployment Verification",
        "Security");
    assertThat(at(c, 81).text()).isEqualTo("Product Owner sign-off");
    assertThat(at(c, 81).section()).isEqualTo("Final Approval");
    assertThat(c.inSection("Security")).hasSize(9);
    assertThat(c.inSection("Final Approval")).extracting(ChecklistItem::line).containsExactly(81, 82, 83, 84);
    assertThat(c.notes()).isEmpty();
  }

  @Test
  void macRomanMojibakeInHeadingsIsRepairedAndDropped() {
    Checklist c = load(SEED_003);
    ChecklistItem first = at(c, 13);
    assertThat(first.text()).isEqualTo("Go/No-Go decision made");
    assertThat(first.sections()).containsExactly("Production Deployment Comprehensive Checklist", "Executive Checklist");
    assertThat(at(c, 55).sections()).containsExactly("Production Deployment Comprehensive Checklist", "Database", "Setup");
    assertThat(at(c, 365).text()).isEqualTo("Error rate < 0.1%");
    assertThat(at(c, 377).text()).isEqualTo("Critical functionality broken");
    assertThat(at(c, 377).section()).isEqualTo("Rollback Triggers");
    assertThat(at(c, 88).id()).isEqualTo("credentials-secrets-ssl-certificates-installed-and-valid");
    // the sign-off tables (Role | Name | Signature | Date) have no status cell: not items
    assertThat(c.items()).noneMatch(i -> i.line() > 384);
    assertThat(c.notes()).anySatisfy(n -> {
      assertThat(n.line()).isEqualTo(1);
      assertThat(n.message()).contains("mojibake", "Mac OS Roman", "unchanged");
    });
  }

  @Test
  void windows1252MojibakeInHeadingsIsRepairedAndDropped() {
    Checklist c = load(SEED_004);
    assertThat(at(c, 4).declared()).isEqualTo(DeclaredState.CHECKED);
    assertThat(at(c, 4).sections()).containsExactly("PRODUCTION DEPLOYMENT CHECKLIST", "Database Setup");
    assertThat(at(c, 8).text()).isEqualTo("CRITICAL: Create advisory lock RPC functions (see below)");
    assertThat(at(c, 8).declared()).isEqualTo(DeclaredState.UNCHECKED);
    assertThat(at(c, 29).section()).isEqualTo("Edge Functions");
    assertThat(at(c, 59).text()).isEqualTo("Complete interactive checklist at /go-live/controls");
    assertThat(at(c, 118).text()).isEqualTo("Compliance Review (if applicable)");
    assertThat(c.notes()).anySatisfy(n -> assertThat(n.message()).contains("Windows-1252", "lines 1, 3, 28, 35, 43, 68"));
  }

  @Test
  void repairsEmojiMojibakeButLeavesRealAccentsAlone() {
    assertThat(CleanText.repair("‚úÖ Done").text()).isEqualTo("✅ Done");
    assertThat(CleanText.repair("ðŸš€ Go").text()).isEqualTo("🚀 Go");
    assertThat(CleanText.repair("Setup âœ…").text()).isEqualTo("Setup ✅");
    assertThat(CleanText.repair("cafÃ©").text()).isEqualTo("café");
    for (String real : List.of("Xác nhận schedule", "Điều kiện go", "hoàn thành", "Ảnh hưởng", "café crème", "naïve — ok")) {
      assertThat(CleanText.repair(real).text()).isEqualTo(real);
      assertThat(CleanText.repair(real).from()).isNull();
    }
    assertThat(CleanText.clean("  ‚úÖ  Ready   now ")).isEqualTo("Ready now");
  }

  @Test
  void nestedTaskItemsKnowTheirParent() {
    Checklist c = ChecklistLoader.parse("n.md", """
        # Release
        - [ ] GO-010 Database ready
          - [x] Migrations applied
          - [~] Backups verified
            - [ ] Restore drill
          - plain note, not an item
            - [x] Deep under a plain bullet
        - [X] Upper-case X counts as done
        1. [ ] Ordered task
        """);
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("GO-010 Database ready", "Migrations applied",
        "Backups verified", "Restore drill", "Deep under a plain bullet", "Upper-case X counts as done", "Ordered task");
    assertThat(c.items()).extracting(ChecklistItem::parentId).containsExactly(null, "GO-010", "GO-010",
        "release-backups-verified", "GO-010", null, null);
    assertThat(c.items()).extracting(ChecklistItem::declared).containsExactly(DeclaredState.UNCHECKED,
        DeclaredState.CHECKED, DeclaredState.PARTIAL, DeclaredState.UNCHECKED, DeclaredState.CHECKED,
        DeclaredState.CHECKED, DeclaredState.UNCHECKED);
    assertThat(c.items().get(1).column()).isEqualTo(5);
    assertThat(c.items().get(6).column()).isEqualTo(4);
  }

  @Test
  void explicitCodesAreIdsAndTextIsKept() {
    Checklist c = ChecklistLoader.parse("c.md", """
        ## Tests
        - [ ] TC-012 Permission **least-data** pass
        - [x] [OPS-7] Pager wired
        - [ ] Mentions GO-001 later, so no code
        - [ ] GO-0012345 is too long for a code
        """);
    assertThat(c.items()).extracting(ChecklistItem::id).containsExactly("TC-012", "OPS-7",
        "tests-mentions-go-001-later-so-no-code", "tests-go-0012345-is-too-long-for-a-code");
    assertThat(c.items().get(0).text()).isEqualTo("TC-012 Permission least-data pass");
  }

  @Test
  void slugsFoldAccentsAreBoundedAndRepeatsAreNumberedInFileOrder() {
    String text = """
        # Kiểm tra
        - [ ] Xác nhận đường dẫn
        - [ ] Xác nhận đường dẫn
        - [x] Xác nhận đường dẫn
        - [ ] GO-001 first
        - [ ] GO-001 again
        - [ ] %s
        """.formatted("word ".repeat(40));
    Checklist c = ChecklistLoader.parse("s.md", text);
    assertThat(c.items()).extracting(ChecklistItem::id).startsWith("kiem-tra-xac-nhan-duong-dan",
        "kiem-tra-xac-nhan-duong-dan-2", "kiem-tra-xac-nhan-duong-dan-3", "GO-001", "GO-001-2");
    String longId = c.items().get(5).id();
    assertThat(longId).hasSizeLessThanOrEqualTo(80).startsWith("kiem-tra-word-word").doesNotEndWith("-");
    assertThat(ChecklistLoader.parse("s.md", text).items()).isEqualTo(c.items());
  }

  @Test
  void tableRowsWithAStatusCellAreItems() {
    Checklist c = ChecklistLoader.parse("t.md", """
        ## Gates
        | ID | Gate | Trạng thái |
        |----|------|--------|
        | GO-001 | Scope approved | ✅ |
        | GO-002 | Permission pass | chưa |
        | GO-003 | Data clean | Sedang berjalan |
        | GO-004 | Alerts | hoàn thành |
        | GO-005 | Mobile deep link | belum |
        | GO-006 | Perf | ⚠️ partial |
        | GO-007 | Security | whatever |
        | 8 | No code here | done |

        | Role | Name | Date |
        |------|------|------|
        | QA Lead | ____ | ____ |

        | Check | |
        |---|---|
        | Backups | ❌ |
        | TLS | ✅ |
        """);
    assertThat(c.items()).extracting(ChecklistItem::id).containsExactly("GO-001", "GO-002", "GO-003", "GO-004",
        "GO-005", "GO-006", "GO-007", "gates-no-code-here", "gates-backups", "gates-tls");
    assertThat(c.items()).extracting(ChecklistItem::declared).containsExactly(DeclaredState.CHECKED,
        DeclaredState.UNCHECKED, DeclaredState.PARTIAL, DeclaredState.CHECKED, DeclaredState.UNCHECKED,
        DeclaredState.PARTIAL, DeclaredState.NONE, DeclaredState.CHECKED, DeclaredState.UNCHECKED,
        DeclaredState.CHECKED);
    ChecklistItem first = c.items().get(0);
    assertThat(first.text()).isEqualTo("Scope approved");
    assertThat(first.line()).isEqualTo(4);
    assertThat(first.column()).isEqualTo("| GO-001 | Scope approved | ".length() + 1);
    assertThat(first.sections()).containsExactly("Gates");
  }

  @Test
  void aCodeColumnWithTextIsTheItemText() {
    Checklist c = ChecklistLoader.parse("g.md", """
        | Gate | Owner | Status |
        |------|-------|--------|
        | GO-001 Scope | PO/TL | xong |
        | GO-002 Permission | TL/BE | **belum** |
        """);
    assertThat(c.items()).extracting(ChecklistItem::id).containsExactly("GO-001", "GO-002");
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("GO-001 Scope", "GO-002 Permission");
    assertThat(c.items()).extracting(ChecklistItem::declared).containsExactly(DeclaredState.CHECKED,
        DeclaredState.UNCHECKED);
  }

  @Test
  void statusWordsInThreeLanguages() {
    Function<String, DeclaredState> p = StatusWords::parse;
    for (String w : List.of("✅", "Done", "pass", "YES", "selesai", "sudah", "xong", "Hoàn thành", "✅ Done (May 2)")) {
      assertThat(p.apply(w)).as(w).isEqualTo(DeclaredState.CHECKED);
    }
    for (String w : List.of("❌", "⬜", "todo", "no", "belum", "chưa", "Chưa xong", "not done")) {
      assertThat(p.apply(w)).as(w).isEqualTo(DeclaredState.UNCHECKED);
    }
    for (String w : List.of("partial", "🔄", "⚠️", "In progress", "sedang", "⚠️ waiting on SMTP")) {
      assertThat(p.apply(w)).as(w).isEqualTo(DeclaredState.PARTIAL);
    }
    assertThat(p.apply("nobody knows")).isNull();
    assertThat(p.apply("")).isNull();
  }

  @Test
  void notesTellWhatWasNotRead() {
    Checklist c = ChecklistLoader.parse("bad.md", """
        # Odd
        - [/] half done in another tool's syntax
        -[ ] no space after the dash
        - [ ]
        ```
        - [ ] inside a code block: not an item, no note
        ```
        - [x] fine
        """);
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("fine");
    assertThat(c.notes()).extracting(LoadNote::line).containsExactly(2, 3, 4);
    assertThat(c.notes().get(0).message()).contains("'[/]'");
    assertThat(c.notes().get(1).message()).contains("not read");
    assertThat(c.notes().get(2).message()).contains("without text");
  }

  @Test
  void aFileWithNothingToReadSaysSo() {
    Checklist c = ChecklistLoader.parse("empty.md", "# Title\n\nJust prose.\n");
    assertThat(c.items()).isEmpty();
    assertThat(c.notes()).singleElement().satisfies(n -> assertThat(n.message()).contains("no items found"));
  }

  @Test
  void numberedGutterIsStrippedAndColumnsPointIntoTheFile() {
    Checklist c = ChecklistLoader.parse("g.md", """
        1 | # Ship it
        2 |\s
        3 | - [x] Build green
        4 | - [ ] Deploy
        5 |   - [~] Smoke
        """);
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("Build green", "Deploy", "Smoke");
    assertThat(c.items()).extracting(ChecklistItem::column).containsExactly(7, 7, 9);
    assertThat(c.items().get(2).parentId()).isEqualTo("ship-it-deploy");
    assertThat(c.notes()).anySatisfy(n -> assertThat(n.message()).contains("line-number gutter"));
  }

  @Test
  void crlfAndByteOrderMarkAreRead() {
    Checklist c = ChecklistLoader.parse("w.md", "\uFEFF# Win\r\n- [x] One\r\n- [ ] Two\r\n");
    assertThat(c.items()).extracting(ChecklistItem::text).containsExactly("One", "Two");
    assertThat(c.items().get(0).sections()).containsExactly("Win");
    assertThat(c.items().get(1).line()).isEqualTo(3);
  }

  @Test
  void invalidUtf8IsReplacedAndNoted(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin.md");
    byte[] head = "# T\n- [ ] Caf".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9;
    bytes[head.length + 1] = '\n';
    Files.write(f, bytes);
    Checklist c = ChecklistLoader.load(f);
    assertThat(c.items()).singleElement().satisfies(i -> assertThat(i.text()).isEqualTo("Caf"));
    assertThat(c.notes()).anySatisfy(n -> {
      assertThat(n.line()).isEqualTo(2);
      assertThat(n.message()).contains("not valid UTF-8");
    });
    assertThat(Files.readAllBytes(f)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({SEED_000, SEED_001, SEED_002, SEED_003, SEED_004})
  void loadingAndServingTheLiveCopyNeverWritesTheTeamsFile(String name, @TempDir Path dir) throws Exception {
    Path file = Files.copy(seed(name), dir.resolve("checklist.md"));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
    byte[] before = Files.readAllBytes(file);

    Checklist checklist = ChecklistLoader.load(file);
    String live = ChecklistRenderer.render(checklist, item -> "done");

    assertThat(live).isNotEqualTo(new String(before, StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(file)).as("the file's bytes").isEqualTo(before);
    assertThat(Files.getLastModifiedTime(file).toMillis()).as("the file's mtime").isEqualTo(1_700_000_000_000L);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("nothing written next to it")
          .containsExactly("checklist.md");
    }
  }
}
