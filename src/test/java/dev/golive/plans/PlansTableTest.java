package dev.golive.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's plans table (between {@code <!-- plans-table -->} and {@code <!-- /plans-table -->}) says, per plan
 * folder under probes/ (except demo), what {@link PlanHarness#counts()} counts: items, items verified by probes,
 * items left manual (with a reason each), gates, windows, triggers. Also the plan review rule: every item is either
 * ticked by a probe or listed under {@code manual:} with a reason.
 */
class PlansTableTest {
  private static final String START = "<!-- plans-table -->";
  private static final String END = "<!-- /plans-table -->";
  private static final Pattern LEADING_NUMBER = Pattern.compile("^\\D*?(\\d+)");

  static List<Path> planFolders() throws IOException {
    try (Stream<Path> s = Files.list(PlanHarness.PLANS)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("golive.yaml")))
          .filter(p -> !p.getFileName().toString().equals("demo")).sorted().toList();
    }
  }

  /** Rows of the README table by plan folder: column header (lower case) to cell text. */
  static Map<String, Map<String, String>> readmeRows() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      fail("README.md has no plans table between " + START + " and " + END
          + " (columns: Seed | Plan | Items | Verified by probes | Manual (why) | Gates | Windows | Triggers)");
    }
    List<String> lines = readme.substring(start + START.length(), end).lines().map(String::strip)
        .filter(l -> l.startsWith("|")).toList();
    assertThat(lines).as("plans table lines").hasSizeGreaterThan(2);
    List<String> header = cells(lines.get(0)).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(2, lines.size())) {
      List<String> cells = cells(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < cells.size(); i++) row.put(header.get(i), cells.get(i));
      String plan = column(row, "plan").replaceAll("[`*]", "").replaceAll("^probes/", "").replaceAll("/$", "").strip();
      rows.put(plan, row);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return new ArrayList<>(Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList());
  }

  /** The cell of the first column whose header starts with {@code name}. */
  private static String column(Map<String, String> row, String name) {
    return row.entrySet().stream().filter(e -> e.getKey().startsWith(name)).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("plans table has no column '" + name + "': " + row.keySet()));
  }

  private static int number(Map<String, String> row, String name) {
    Matcher m = LEADING_NUMBER.matcher(column(row, name));
    if (!m.find()) throw new AssertionError("column '" + name + "' holds no number: " + row);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void everyItemOfEveryPlanIsProbedOrManualWithAReason() throws IOException {
    for (Path dir : planFolders()) {
      PlanHarness h = PlanHarness.loadOffline(dir);
      assertThat(h.unaccountedItems()).as("items of %s neither ticked by a probe nor listed under manual:", dir)
          .isEmpty();
      assertThat(h.plan().manualReasons().values()).as("manual reasons of %s", dir).allSatisfy(r -> assertThat(r).isNotBlank());
    }
  }

  @Test
  void readmeTableMatchesWhatThePlansCount() throws IOException {
    Map<String, Map<String, String>> rows = readmeRows();
    List<String> folders = planFolders().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(rows.keySet()).as("plans in the README table").containsExactlyInAnyOrderElementsOf(folders);
    for (Path dir : planFolders()) {
      String name = dir.getFileName().toString();
      PlanHarness.Counts c = PlanHarness.loadOffline(dir).counts();
      Map<String, String> row = rows.get(name);
      PlanHarness.Counts table = new PlanHarness.Counts(number(row, "items"), number(row, "verified"),
          number(row, "manual"), number(row, "gates"), number(row, "windows"), number(row, "triggers"));
      assertThat(table).as("README row of %s", name).isEqualTo(c);
    }
  }
}
