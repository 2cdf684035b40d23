package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** golive's own alert rules and scrape config, checked and unit-tested by promtool (Debian package prometheus). */
class PrometheusRulesIT {
  private static final Path DIR = Path.of("deploy/prometheus").toAbsolutePath();
  private static final String RULES = "golive-rules.yml";
  private static final String TESTS = "golive-rules.test.yml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Path promtool;
  private static JsonNode rules;
  private static JsonNode tests;

  @BeforeAll
  static void load() throws Exception {
    promtool = Tools.require("promtool", "prometheus");
    rules = YAML.readTree(DIR.resolve(RULES).toFile());
    tests = YAML.readTree(DIR.resolve(TESTS).toFile());
  }

  private static Tools.Result promtool(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(promtool.toString()));
    cmd.addAll(List.of(args));
    return Tools.run(dir, cmd);
  }

  private static List<JsonNode> alertRules() {
    List<JsonNode> out = new ArrayList<>();
    rules.path("groups").forEach(g -> g.path("rules").forEach(out::add));
    return out;
  }

  @Test
  void rulesPassPromtoolCheck() throws Exception {
    Tools.Result r = promtool(DIR, "check", "rules", RULES);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: " + alertRules().size() + " rules found");
  }

  @Test
  void rulesPassTheirUnitTests() throws Exception {
    Tools.Result r = promtool(DIR, "test", "rules", TESTS);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void scrapeConfigIsAValidPrometheusConfigLoadingTheRules() throws Exception {
    Tools.Result r = promtool(DIR, "check", "config", "scrape.yml");
    assertThat(r.exit()).as(r.output()).isZero();
    JsonNode config = YAML.readTree(DIR.resolve("scrape.yml").toFile());
    assertThat(config.path("rule_files").get(0).asText()).isEqualTo(RULES);
    JsonNode job = config.path("scrape_configs").get(0);
    // GoliveDown selects up{job="golive"}
    assertThat(job.path("job_name").asText()).isEqualTo("golive");
    assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
    assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).endsWith(":8080");
    assertThat(rules.toString()).contains("up{job=\\\"golive\\\"}");
  }

  @Test
  void everyAlertSaysWhatHappenedAndWhatToDo() {
    assertThat(alertRules()).extracting(r -> r.path("alert").asText()).contains("GoliveRequiredGateFellBack",
        "GolivePlanNoGo", "GoliveRollbackTriggerFiring", "GoliveDown", "GoliveProbesStale", "GoliveOutboxBacklog",
        "GoliveCertificateExpiresSoon");
    for (JsonNode r : alertRules()) {
      String name = r.path("alert").asText();
      assertThat(name).as("alerting rules only").isNotBlank();
      for (String a : List.of("summary", "description", "runbook")) {
        assertThat(r.path("annotations").path(a).asText()).as(name + " " + a).isNotBlank();
      }
      // the trigger alert keeps the severity the trigger itself declares
      if (!name.equals("GoliveRollbackTriggerFiring")) {
        assertThat(r.path("labels").path("severity").asText()).as(name).isIn("info", "warning", "critical");
      }
    }
  }

  @Test
  void ruleExpressionsUseOnlyMetricsAndLabelsGoliveExports() {
    MetricCatalog catalog = MetricCatalog.load();
    List<String> problems = new ArrayList<>();
    for (JsonNode r : alertRules()) {
      problems.addAll(PromQl.problems(r.path("alert").asText(), r.path("expr").asText(), catalog, null));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() {
    Map<String, List<JsonNode>> cases = new LinkedHashMap<>();
    tests.path("tests").forEach(t -> t.path("alert_rule_test")
        .forEach(c -> cases.computeIfAbsent(c.path("alertname").asText(), k -> new ArrayList<>()).add(c)));
    for (JsonNode r : alertRules()) {
      String name = r.path("alert").asText();
      List<JsonNode> mine = cases.getOrDefault(name, List.of());
      assertThat(mine).as(name + " not firing").anyMatch(c -> c.path("exp_alerts").isEmpty());
      String severity = r.path("labels").path("severity").asText(null);
      assertThat(mine).as(name + " firing with severity " + severity).anyMatch(c -> {
        for (JsonNode e : c.path("exp_alerts")) {
          if (severity == null || severity.equals(e.path("exp_labels").path("severity").asText())) return true;
        }
        return false;
      });
    }
  }

  @Test
  void removingAnyRuleFailsTheUnitTests(@TempDir Path tmp) throws Exception {
    Files.copy(DIR.resolve(TESTS), tmp.resolve(TESTS));
    int groups = rules.path("groups").size();
    int checked = 0;
    for (int g = 0; g < groups; g++) {
      int n = rules.path("groups").get(g).path("rules").size();
      for (int i = 0; i < n; i++) {
        ObjectNode copy = rules.deepCopy();
        JsonNode removed = ((ArrayNode) copy.path("groups").get(g).path("rules")).remove(i);
        YAML.writeValue(tmp.resolve(RULES).toFile(), copy);
        Tools.Result r = promtool(tmp, "test", "rules", TESTS);
        assertThat(r.exit()).as("tests still pass without " + removed.path("alert").asText() + " "
            + removed.path("labels")).isNotZero();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(alertRules().size());
    // control: the unmodified rules, written the same way, pass
    YAML.writeValue(tmp.resolve(RULES).toFile(), rules);
    Tools.Result r = promtool(tmp, "test", "rules", TESTS);
    assertThat(r.exit()).as(r.output()).isZero();
  }

  /** The item-state timeline folds the 0/1 series per state into one code per item; promtool evaluates it. */
  @Test
  void itemStateQueryGivesEachItemTheCodeOfItsCurrentState(@TempDir Path tmp) throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DashboardTest.DASHBOARD.toFile());
    JsonNode panel = DashboardTest.queryPanels(dashboard).stream()
        .filter(p -> p.path("title").asText().equals("Item states over time")).findFirst().orElseThrow();
    String expr = panel.path("targets").get(0).path("expr").asText().replace("$plan", "shop|billing");
    JsonNode codes = panel.path("fieldConfig").path("defaults").path("mappings").get(0).path("options");
    Map<String, String> codeOf = new LinkedHashMap<>();
    codes.fields().forEachRemaining(e -> codeOf.put(e.getValue().path("text").asText(), e.getKey()));

    ObjectNode file = YAML.createObjectNode();
    file.putArray("rule_files").add("empty.yml");
    file.put("evaluation_interval", "1m");
    ObjectNode test = file.putArray("tests").addObject().put("interval", "1m");
    ArrayNode series = test.putArray("input_series");
    ArrayNode samples = test.putArray("promql_expr_test").addObject().put("expr", expr).put("eval_time", "2m")
        .putArray("exp_samples");
    // one item per state, with the series golive exports for it (1 for its current state, 0 for the others); plus an
    // item of a plan outside the selection
    for (dev.golive.verdict.ItemState current : dev.golive.verdict.ItemState.values()) {
      for (String plan : List.of("shop", "other")) {
        for (dev.golive.verdict.ItemState s : dev.golive.verdict.ItemState.values()) {
          series.addObject().put("series", "golive_item_state{plan=\"" + plan + "\",item=\"" + current.label()
              + "-item\",state=\"" + s.label() + "\"}").put("values", s == current ? "1x3" : "0x3");
        }
      }
      samples.addObject().put("labels", "{plan=\"shop\",item=\"" + current.label() + "-item\"}")
          .put("value", Double.parseDouble(codeOf.get(current.label())));
    }
    Files.writeString(tmp.resolve("empty.yml"), "groups: []\n");
    YAML.writeValue(tmp.resolve("item-state.test.yml").toFile(), file);
    Tools.Result r = promtool(tmp, "test", "rules", "item-state.test.yml");
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void dashboardQueriesAreValidPromql(@TempDir Path tmp) throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DashboardTest.DASHBOARD.toFile());
    List<String> exprs = DashboardTest.expressions(dashboard);
    assertThat(exprs).isNotEmpty();
    ObjectNode file = YAML.createObjectNode();
    ArrayNode recording = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    for (int i = 0; i < exprs.size(); i++) {
      String expr = exprs.get(i).replace("$__rate_interval", "2m").replace("$plan", ".*");
      recording.addObject().put("record", "golive_dashboard:query" + i).put("expr", expr);
    }
    YAML.writeValue(tmp.resolve("dashboard.yml").toFile(), file);
    Tools.Result r = promtool(tmp, "check", "rules", "dashboard.yml");
    assertThat(r.exit()).as(r.output()).isZero();
  }
}
