package dev.golive.checklist;

import static org.assertj.core.api.Assertions.assertThat;

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
}
