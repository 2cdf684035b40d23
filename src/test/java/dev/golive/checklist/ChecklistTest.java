package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistTest {
  private final Checklist seed003 = ChecklistLoaderTest.load(ChecklistLoaderTest.SEED_003);
  private final Checklist seed000 = ChecklistLoaderTest.load(ChecklistLoaderTest.SEED_000);

  @Test
  void findsByExactIdIgnoringCase() {
    assertThat(seed000.find("GO-007")).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(28));
    assertThat(seed000.find(" go-007 ")).extracting(ChecklistItem::id).containsExactly("GO-007");
    assertThat(seed003.find("credentials-secrets-ssl-certificates-installed-and-valid"))
        .singleElement().satisfies(i -> assertThat(i.text()).isEqualTo("SSL certificates installed and valid"));
  }

  @Test
  void findsByExactTextBeforeContainedText() {
    // "Error rate < 0.1%" is also contained in nothing else; "Build successful" is exact in Frontend and contained
    // in "Build successful (no warnings)": the exact match wins
    assertThat(seed003.find("error rate < 0.1%")).extracting(ChecklistItem::line).containsExactly(365);
    assertThat(seed003.find("Build successful")).extracting(ChecklistItem::line).containsExactly(170);
    assertThat(seed003.find("**SSL certificates** installed and valid")).extracting(ChecklistItem::line)
        .containsExactly(88);
  }

  @Test
  void findsByContainedText() {
    assertThat(seed003.find("Health checks passed")).extracting(ChecklistItem::line).containsExactly(339);
    assertThat(seed003.find("advisory board")).extracting(ChecklistItem::line).containsExactly(303);
  }

  @Test
  void reportsAmbiguityAndMisses() {
    // the same text in two sections: both are returned so the caller can ask for an id
    assertThat(seed003.find("Communication channels open")).extracting(ChecklistItem::line).containsExactly(309, 323);
    assertThat(seed003.find("Node.js version correct")).extracting(ChecklistItem::id)
        .containsExactly("backend-node-js-version-correct", "frontend-node-js-version-correct");
    assertThat(seed003.find("alert configured")).hasSizeGreaterThan(5);
    assertThat(seed003.find("quantum flux capacitor")).isEmpty();
    assertThat(seed003.find("  ")).isEmpty();
  }

  @Test
  void itemAndInSection() {
    assertThat(seed000.item("GO-003")).get().extracting(ChecklistItem::line).isEqualTo(24);
    assertThat(seed000.item("go-003")).isEmpty();
    assertThat(seed003.inSection("Rollback Triggers")).hasSize(8);
    assertThat(seed003.inSection("Database")).hasSize(18);
  }

  private static ChecklistItem item(String id, String text, int line) {
    return new ChecklistItem(id, List.of("Launch"), text, DeclaredState.UNCHECKED, line, 3, null);
  }

  @Test
  void theIndexKeepsFileOrderForRepeatedIdsAndTexts() {
    Checklist c = new Checklist("c.md", "", List.of(item("A-1", "Health check", 1), item("a-1", "Other", 2),
        item("B-2", "Health check", 3), item("C-3", "health   CHECK!", 4), item("D-4", "Health check answers", 5)),
        List.of());
    // an id (any case) means the first item with it; the exact-case lookup only that id
    assertThat(c.find("a-1")).extracting(ChecklistItem::line).containsExactly(1);
    assertThat(c.item("a-1")).get().extracting(ChecklistItem::line).isEqualTo(2);
    // the same normalized text: every item, in file order; contained text only when no text is equal
    assertThat(c.find("health check")).extracting(ChecklistItem::line).containsExactly(1, 3, 4);
    assertThat(c.find("check answers")).extracting(ChecklistItem::line).containsExactly(5);
    assertThat(c.find("check")).extracting(ChecklistItem::line).containsExactly(1, 3, 4, 5);
  }

  @Test
  void idsOutsideAsciiMatchIgnoringCaseAsBefore() {
    // U+212A KELVIN SIGN equals 'k' ignoring case; lower-casing alone would not find it from "K"
    Checklist c = new Checklist("c.md", "", List.of(item("\u212A-1", "Kelvin", 1), item("ÄB-2", "Umlaut", 2)),
        List.of());
    assertThat(c.find("k-1")).extracting(ChecklistItem::line).containsExactly(1);
    assertThat(c.find("K-1")).extracting(ChecklistItem::line).containsExactly(1);
    assertThat(c.find("äb-2")).extracting(ChecklistItem::line).containsExactly(2);
  }

  @Test
  void findsAmongTenThousandItemsByIdAndByText() {
    List<ChecklistItem> items = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) items.add(item("BN-" + i, "endpoint " + i + " answers", i + 1));
    Checklist c = new Checklist("c.md", "", items, List.of());
    for (int i = 0; i < 10_000; i++) {
      assertThat(c.find("bn-" + i)).singleElement().extracting(ChecklistItem::line).isEqualTo(i + 1);
    }
    assertThat(c.find("Endpoint 9999 answers")).extracting(ChecklistItem::line).containsExactly(10_000);
    assertThat(c.find("endpoint 999")).hasSize(11);
  }
}
