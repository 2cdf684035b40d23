package dev.golive.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.ChecklistLoader;
import dev.golive.checklist.DeclaredState;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A plan's cleaned checklist keeps every item of its seed: same ids, texts and claims (seeds as test resources). */
class SeedFidelityTest {
  static Checklist seed(String name) throws Exception {
    try {
      return ChecklistLoader.load(Path.of(SeedFidelityTest.class.getResource("/ChecklistLoaderTest/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Checklist plan(String folder) throws Exception {
    return ChecklistLoader.load(PlanHarness.PLANS.resolve(folder).resolve("checklist.md"));
  }

  private record Claim(String id, String text, DeclaredState declared) {}

  private static List<Claim> claims(Checklist c) {
    return c.items().stream().map(i -> new Claim(i.id(), i.text(), i.declared())).toList();
  }

  @ParameterizedTest
  @CsvSource({"001_ec9426febe30b8e1.txt,bizone-web,79", "002_3cac856bd75332e6.txt,lt-crm,48"})
  void cleanedChecklistKeepsEveryItemWithItsClaim(String seed, String folder, int items) throws Exception {
    Checklist cleaned = plan(folder);
    assertThat(cleaned.items()).hasSize(items);
    assertThat(claims(cleaned)).containsExactlyElementsOf(claims(seed(seed)));
    assertThat(cleaned.notes()).isEmpty();
  }

  @Test
  void debtFollowupRestoresTheGatesTableWithoutInventingClaims() throws Exception {
    Checklist cleaned = plan("debt-followup");
    Checklist seed = seed("000_3e3b90ff55fcefdd.txt");
    assertThat(cleaned.items()).extracting(ChecklistItem::id)
        .containsExactlyElementsOf(seed.items().stream().map(ChecklistItem::id).toList());
    assertThat(cleaned.items()).allSatisfy(i -> {
      assertThat(i.declared()).isEqualTo(DeclaredState.NONE);
      assertThat(i.section()).isEqualTo("Release gates");
    });
    // a table now, not flattened lines the reader had to guess at
    assertThat(cleaned.notes()).noneSatisfy(n -> assertThat(n.message()).contains("flattened"));
    assertThat(cleaned.text()).contains("| GO-008 Security gate (DEC-035) 🆕 | TL/BE/Security |",
        "| Monitor first 24h | Alert run status, duplicate count, permission denied spikes, action failures |");
  }
}
