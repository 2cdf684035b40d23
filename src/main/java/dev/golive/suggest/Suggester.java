package dev.golive.suggest;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a loaded checklist into a {@link Suggestion}: each item goes through the {@link RuleTable}; items that make
 * the same probe share it; post-deploy phrases become windows and rollback triggers; the rest are manual with a
 * reason. Pure: reads nothing but the checklist.
 */
public final class Suggester {
  static final String UNRECOGNISED = "unrecognised";
  /** Kinds whose probes are written commented out, for a person to review before they run. */
  private static final Set<String> REVIEW_FIRST = Set.of("command");
  private static final Set<String> NUMERIC = Set.of("error rate", "latency", "response time", "capacity");
  private static final Pattern PROVIDER = Pattern.compile(
      "(?<![a-z])(meta|whatsapp|facebook|instagram|github|stripe|slack)(?![a-z])");

  private Suggester() {}

  public static Suggestion suggest(Checklist checklist, String service) {
    Stack stack = Stack.of(checklist.text());
    String planProvider = provider(Fold.fold(checklist.text())).orElse("hmac");
    List<String> lines = List.of(checklist.text().split("\r?\n", -1));
    Map<String, Suggestion.Probe> probes = new LinkedHashMap<>();
    Map<String, Suggestion.Probe> reviewFirst = new LinkedHashMap<>();
    Map<String, Suggestion.Manual> manual = new LinkedHashMap<>();
    Map<String, List<String>> windowItems = new LinkedHashMap<>();
    List<String[]> rollbacks = new ArrayList<>();
    for (ChecklistItem item : checklist.items()) {
      String line = item.line() >= 1 && item.line() <= lines.size() ? lines.get(item.line() - 1) : null;
      Subject s = Subject.of(item, line, stack, provider(Fold.fold(item.text())).orElse(planProvider));
      Optional<String> clause = PostDeploy.rollbackClause(s.folded())
          .or(() -> PostDeploy.rollbackSection(Fold.fold(item.section())) ? Optional.of(s.folded()) : Optional.empty());
      if (clause.isPresent()) {
        if (!rollback(s, clause.get(), probes, manual, rollbacks)) {
          manual.put(item.id(), new Suggestion.Manual("rollback", "rollback condition: judged by people during the"
              + " post-deploy windows; a probe ticks what must hold, not what must never happen", item.text()));
        }
        continue;
      }
      PostDeploy.window(s.folded()).or(() -> PostDeploy.window(Fold.fold(item.section())))
          .ifPresent(w -> windowItems.computeIfAbsent(w, k -> new ArrayList<>()).add(item.id()));
      Optional<Rule> rule = RuleTable.first(s);
      if (rule.isEmpty()) {
        manual.put(item.id(), new Suggestion.Manual(UNRECOGNISED, "no probe recognised: none of the words of a"
            + " checkable category (health, TLS, headers, CORS, rate limit, backup, error rate, latency, capacity,"
            + " webhook, ports, DNS, cron, migrations, RLS...) is in the text", item.text()));
      } else if (rule.get().manual()) {
        manual.put(item.id(), new Suggestion.Manual(rule.get().category(), rule.get().reason(), item.text()));
      } else {
        ProbeDraft d = rule.get().template().apply(s);
        if (REVIEW_FIRST.contains(d.kind())) {
          add(reviewFirst, rule.get().category(), d, item);
          manual.put(item.id(), new Suggestion.Manual("review first", d.kind() + ": the checklist names `"
              + s.codeSpan() + "`; suggest never enables a probe that runs a command unreviewed (it may change"
              + " data): check the commented probe, make it read-only, uncomment it and drop this line",
              item.text()));
        } else {
          add(probes, rule.get().category(), d, item);
        }
      }
    }
    List<Suggestion.Probe> list = withIds(probes.values());
    List<String> keys = List.copyOf(probes.keySet());
    List<Suggestion.Window> windows = windows(windowItems, list);
    List<Suggestion.Trigger> triggers = new ArrayList<>();
    for (String[] r : rollbacks) {
      String probeId = list.get(keys.indexOf(r[0])).id();
      triggers.add(new Suggestion.Trigger("rollback-" + probeId, probeId, r[1], r[2]));
    }
    return new Suggestion(service, list, withIds(reviewFirst.values()), windows, triggers, manual,
        checklist.items().size());
  }

  /** A rollback phrase whose condition a numeric rule reads: a trigger on that probe; the item itself is manual. */
  private static boolean rollback(Subject s, String clause, Map<String, Suggestion.Probe> probes,
      Map<String, Suggestion.Manual> manual, List<String[]> rollbacks) {
    Subject c = new Subject(s.item(), clause, clause, null, s.stack(), s.provider());
    Optional<Rule> rule = RuleTable.RULES.stream().filter(r -> NUMERIC.contains(r.category()) && r.matches(c))
        .findFirst();
    Optional<Threshold> bound = Threshold.first(clause);
    if (rule.isEmpty() || bound.isEmpty()) return false;
    ProbeDraft d = rule.get().template().apply(c);
    String placeholder = d.kind().equals("http") ? "RESPONSE_TIME" : "VALUE";
    String op = bound.get().opOr(">");
    String fire = "[" + placeholder + "] " + op + " " + bound.get().value();
    if (!rule.get().category().equals("error rate") && bound.get().unit().equals("%")) {
      fire = "[" + placeholder + "] > [BASELINE] * " + java.math.BigDecimal.ONE.add(new java.math.BigDecimal(
          bound.get().number()).movePointLeft(2)).stripTrailingZeros().toPlainString();
    }
    String k = probes.entrySet().stream().filter(e -> sameTarget(e.getValue().draft(), d)).map(Map.Entry::getKey)
        .findFirst().orElse(key(d));
    if (!probes.containsKey(k)) {
      List<String> healthy = fire.contains("[BASELINE]") ? d.conditions()
          : List.of("[" + placeholder + "] " + flip(op) + " " + bound.get().value());
      ProbeDraft watch = new ProbeDraft(d.stem(), d.kind(), d.spec(), healthy, d.interval(), d.timeout(), d.note());
      probes.put(k, new Suggestion.Probe(null, rule.get().category(), watch, new ArrayList<>(), new ArrayList<>()));
    }
    rollbacks.add(new String[] {k, fire, s.item().text()});
    manual.put(s.item().id(), new Suggestion.Manual("rollback", "rollback: a trigger fires when " + fire
        + " after a deployment; rolling back is a person's decision", s.item().text()));
    return true;
  }

  private static boolean sameTarget(ProbeDraft a, ProbeDraft b) {
    return a.kind().equals(b.kind()) && a.spec().equals(b.spec());
  }

  private static String flip(String op) {
    return switch (op) {
      case ">" -> "<=";
      case ">=" -> "<";
      case "<" -> ">=";
      case "<=" -> ">";
      default -> "!=";
    };
  }

  private static void add(Map<String, Suggestion.Probe> probes, String category, ProbeDraft d, ChecklistItem item) {
    Suggestion.Probe p = probes.computeIfAbsent(key(d),
        k -> new Suggestion.Probe(null, category, d, new ArrayList<>(), new ArrayList<>()));
    p.ticks().add(item.id());
    p.texts().add(item.text());
  }

  /** Probes with the same kind, block, conditions and schedule are one probe. */
  private static String key(ProbeDraft d) {
    return d.kind() + d.spec() + d.conditions() + d.interval() + d.timeout();
  }

  private static List<Suggestion.Probe> withIds(java.util.Collection<Suggestion.Probe> drafts) {
    Map<String, Integer> used = new java.util.HashMap<>();
    List<Suggestion.Probe> out = new ArrayList<>();
    for (Suggestion.Probe p : drafts) {
      int n = used.merge(p.draft().stem(), 1, Integer::sum);
      String id = n == 1 ? p.draft().stem() : p.draft().stem() + "-" + n;
      out.add(new Suggestion.Probe(id, p.category(), p.draft(), List.copyOf(p.ticks()), List.copyOf(p.texts())));
    }
    return out;
  }

  /** One window per duration, shortest first, holding its items that a probe ticks. */
  private static List<Suggestion.Window> windows(Map<String, List<String>> byDuration, List<Suggestion.Probe> probes) {
    TreeMap<java.time.Duration, String> sorted = new TreeMap<>();
    byDuration.keySet().forEach(d -> sorted.put(dev.golive.config.Durations.parse(d), d));
    List<Suggestion.Window> out = new ArrayList<>();
    for (String d : sorted.values()) {
      List<String> hold = byDuration.get(d).stream()
          .filter(i -> probes.stream().anyMatch(p -> p.ticks().contains(i))).toList();
      out.add(new Suggestion.Window("first-" + d, d, hold));
    }
    return out;
  }

  private static Optional<String> provider(String folded) {
    Matcher m = PROVIDER.matcher(folded);
    if (!m.find()) return Optional.empty();
    return Optional.of(switch (m.group(1)) {
      case "whatsapp", "facebook", "instagram" -> "meta";
      default -> m.group(1);
    });
  }
}
