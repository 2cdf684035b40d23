package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.golive.metrics.MetricNames;
import dev.golive.verdict.ItemState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardTest {
  static final Path DASHBOARD = Path.of("deploy/grafana/golive.json");
  private static final String DS = "${DS_PROMETHEUS}";
  private static final String PLAN_FILTER = "=~$plan";

  private static JsonNode dashboard;
  private static MetricCatalog catalog;

  @BeforeAll
  static void load() throws Exception {
    dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    catalog = MetricCatalog.load();
  }

  /** Every panel that queries, rows excluded (nested row panels included). */
  static List<JsonNode> queryPanels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      if (p.path("type").asText().equals("row")) {
        p.path("panels").forEach(out::add);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Every PromQL expression of the dashboard: panel targets, variable queries and annotations. */
  static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : queryPanels(dashboard)) p.path("targets").forEach(t -> out.add(t.path("expr").asText()));
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.has("expr")) out.add(a.path("expr").asText());
    }
    return out;
  }

  private static JsonNode variable(String name) {
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("name").asText().equals(name)) return v;
    }
    throw new AssertionError("no template variable " + name);
  }

  @Test
  void isAProvisionableDashboard() {
    assertThat(dashboard.path("uid").asText()).isEqualTo("golive");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    // exported-for-sharing dashboards carry __inputs that provisioning cannot fill; this one uses a variable
    assertThat(dashboard.has("__inputs")).isFalse();
    assertThat(dashboard.has("id") && !dashboard.get("id").isNull()).as("no instance-specific id").isFalse();
  }

  @Test
  void datasourceIsAVariableOfTypeDatasource() {
    JsonNode ds = variable("DS_PROMETHEUS");
    assertThat(ds.path("type").asText()).isEqualTo("datasource");
    assertThat(ds.path("query").asText()).isEqualTo("prometheus");
  }

  @Test
  void planVariableListsPlansAndAllowsSeveral() {
    JsonNode plan = variable("plan");
    assertThat(plan.path("type").asText()).isEqualTo("query");
    assertThat(plan.path("datasource").path("uid").asText()).isEqualTo(DS);
    assertThat(plan.path("definition").asText()).isEqualTo("label_values(" + MetricNames.PLAN_GO + ", plan)");
    assertThat(plan.path("query").path("query").asText()).isEqualTo("label_values(" + MetricNames.PLAN_GO + ", plan)");
    assertThat(plan.path("multi").asBoolean()).isTrue();
    assertThat(plan.path("includeAll").asBoolean()).isTrue();
    assertThat(plan.path("allValue").asText()).isEqualTo(".*");
  }

  @Test
  void everyPanelAndQueryUsesTheDatasourceVariable() {
    List<JsonNode> panels = queryPanels(dashboard);
    assertThat(panels).hasSizeGreaterThan(10);
    for (JsonNode p : panels) {
      String title = p.path("title").asText();
      assertThat(p.path("datasource").path("uid").asText()).as("panel %s", title).isEqualTo(DS);
      assertThat(p.path("targets")).as("panel %s has queries", title).isNotEmpty();
      for (JsonNode t : p.path("targets")) {
        assertThat(t.path("datasource").path("uid").asText()).as("query of %s", title).isEqualTo(DS);
        assertThat(t.path("expr").asText()).as("query of %s", title).isNotBlank();
      }
    }
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.path("builtIn").asInt() != 1) assertThat(a.path("datasource").path("uid").asText()).isEqualTo(DS);
    }
  }

  @Test
  void everyMetricAndLabelExistsAndPlanMetricsAreFilteredByThePlanVariable() {
    List<String> problems = new ArrayList<>();
    for (JsonNode p : queryPanels(dashboard)) {
      for (JsonNode t : p.path("targets")) {
        String where = "panel '" + p.path("title").asText() + "' " + t.path("refId").asText();
        String expr = t.path("expr").asText();
        problems.addAll(PromQl.problems(where, expr, catalog, PLAN_FILTER));
        Set<String> available = labelsAvailable(expr);
        for (String l : PromQl.legendLabels(t.path("legendFormat").asText())) {
          if (!available.contains(l)) problems.add(where + ": legend uses {{" + l + "}}, not in " + available);
        }
      }
    }
    for (JsonNode a : dashboard.path("annotations").path("list")) {
      if (a.has("expr")) problems.addAll(PromQl.problems("annotation " + a.path("name").asText(),
          a.path("expr").asText(), catalog, PLAN_FILTER));
    }
    problems.addAll(PromQl.problems("variable plan", variable("plan").path("definition").asText(), catalog, null));
    assertThat(problems).isEmpty();
  }

  /** Labels a query's result can carry: the grouping labels if it aggregates, else its metrics' labels. */
  private static Set<String> labelsAvailable(String expr) {
    Set<String> grouping = PromQl.groupingLabels(expr);
    if (expr.matches("(?s).*\\b(sum|max|min|avg|count)\\s+by\\b.*")) return grouping;
    Set<String> out = new LinkedHashSet<>();
    for (PromQl.Selector s : PromQl.selectors(expr)) {
      String family = catalog.familyOf(s.series());
      if (family != null) out.addAll(catalog.labelsOf(family));
    }
    return out;
  }

  @Test
  void summariesAreReadAsRatesOfSumOverCount() {
    for (String expr : expressions(dashboard)) {
      for (PromQl.Selector s : PromQl.selectors(expr)) {
        String family = catalog.familyOf(s.series());
        if (family != null && catalog.isSummary(family)) {
          assertThat(s.series()).as("a summary has no quantiles or buckets here: " + expr).isNotEqualTo(family);
          if (s.series().endsWith("_sum") || s.series().endsWith("_count")) {
            assertThat(expr).contains("rate(" + family + "_sum").contains("rate(" + family + "_count");
          }
        }
      }
    }
  }

  @Test
  void coversWhatOperatorsNeedToSee() {
    Set<String> used = new HashSet<>();
    for (String expr : expressions(dashboard)) {
      PromQl.selectors(expr).forEach(s -> used.add(catalog.familyOf(s.series())));
    }
    assertThat(used).contains(MetricNames.PLAN_GO, MetricNames.GATE_PASSED, MetricNames.ITEM_STATE,
        MetricNames.PROBE_SUCCESS, MetricNames.PROBE_DURATION, MetricNames.PROBE_LAST_RUN, MetricNames.CERT_EXPIRY,
        MetricNames.DEPLOYMENT_INFO, MetricNames.DEPLOYMENT_TIME, MetricNames.WINDOW_ACTIVE,
        MetricNames.TRIGGER_FIRING, MetricNames.ALERTS_SENT, MetricNames.OUTBOX_PENDING);
  }

  @Test
  void itemStatesOverTimeShowEveryStateByName() {
    JsonNode panel = queryPanels(dashboard).stream()
        .filter(p -> p.path("title").asText().equals("Item states over time")).findFirst().orElseThrow();
    String expr = panel.path("targets").get(0).path("expr").asText();
    JsonNode mapping = panel.path("fieldConfig").path("defaults").path("mappings").get(0).path("options");
    Set<String> codes = new HashSet<>();
    for (ItemState s : ItemState.values()) {
      var m = java.util.regex.Pattern.compile("state=\"" + s.label() + "\"} == 1\\) \\* (\\d+)").matcher(expr);
      assertThat(m.find()).as("state %s in %s", s.label(), expr).isTrue();
      String code = m.group(1);
      assertThat(codes.add(code)).as("code %s used once", code).isTrue();
      assertThat(mapping.path(code).path("text").asText()).isEqualTo(s.label());
    }
  }

  @Test
  void failingItemsTableListsTheBadStates() {
    JsonNode panel = queryPanels(dashboard).stream()
        .filter(p -> p.path("title").asText().startsWith("Failing")).findFirst().orElseThrow();
    JsonNode target = panel.path("targets").get(0);
    assertThat(target.path("instant").asBoolean()).isTrue();
    assertThat(target.path("format").asText()).isEqualTo("table");
    assertThat(target.path("expr").asText()).contains(MetricNames.ITEM_STATE)
        .contains(ItemState.FAILING.label(), ItemState.CONTRADICTED.label(), ItemState.REGRESSED.label())
        .endsWith("== 1");
  }

  @Test
  void panelsFitTheGridAndHaveUniqueIds() {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : dashboard.path("panels")) {
      JsonNode g = p.path("gridPos");
      assertThat(g.path("x").asInt() + g.path("w").asInt()).as(p.path("title").asText()).isLessThanOrEqualTo(24);
      assertThat(g.path("h").asInt()).isPositive();
      assertThat(ids.add(p.path("id").asInt())).as("id of %s", p.path("title").asText()).isTrue();
    }
  }

  @Test
  void provisioningFilesPointAtTheDashboardAndAPrometheusDatasource() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    JsonNode dashboards = yaml.readTree(Path.of("deploy/grafana/provisioning/dashboards/golive.yaml").toFile());
    assertThat(dashboards.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode provider = dashboards.path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("path").asText()).isNotBlank();
    JsonNode datasources = yaml.readTree(Path.of("deploy/grafana/provisioning/datasources/golive.yaml").toFile());
    assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode ds = datasources.path("datasources").get(0);
    assertThat(ds.path("type").asText()).isEqualTo("prometheus");
    assertThat(ds.path("url").asText()).startsWith("http");
  }
}
