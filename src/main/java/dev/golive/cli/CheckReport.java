package dev.golive.cli;

import dev.golive.checklist.ChecklistItem;
import dev.golive.config.Durations;
import dev.golive.daemon.CheckOutcome;
import dev.golive.daemon.PlanRuntime;
import dev.golive.probe.ProbeResult;
import dev.golive.verdict.GateStatus;
import dev.golive.verdict.ItemState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** What {@code golive check} prints and writes: a table for people, JUnit XML for CI. */
final class CheckReport {
  private CheckReport() {}

  static void table(CheckOutcome outcome, PrintWriter out) {
    for (PlanRuntime p : outcome.plans()) {
      out.printf("%s: %s%n", p.name(), switch (outcome.verdict(p)) {
        case GO -> "GO";
        case NO_GO -> "NO-GO";
        case NOT_SETTLED -> "NOT SETTLED (the verdict hinges on items that did not settle within "
            + Durations.format(outcome.timeout()) + ")";
      });
      for (GateStatus g : p.verdict().gates()) {
        out.printf("  gate %-24s %-8s %s%s%n", g.id(), g.required() ? "required" : "optional",
            g.passed() ? "passed" : "blocked", g.blocking().isEmpty() ? "" : " by " + String.join(", ", g.blocking()));
      }
      for (ChecklistItem i : p.plan().checklist().items()) {
        if (p.probesOf(i.id()).isEmpty()) continue;
        ItemState s = p.items().get(i.id()).state();
        String label = outcome.unsettled(p.name()).contains(i.id()) ? "not settled" : s.label();
        out.printf("  %-13s %-40s %s%n", label, shorten(i.id(), 40), evidence(p, i));
      }
      long manual = p.plan().checklist().items().stream().filter(i -> p.probesOf(i.id()).isEmpty()).count();
      out.printf("  (%d items without probes are left to people)%n", manual);
      List<String> failed = p.plan().checklist().items().stream().map(ChecklistItem::id)
          .filter(id -> !p.probesOf(id).isEmpty() && !outcome.unsettled(p.name()).contains(id)
              && p.items().get(id).state() != ItemState.DONE).toList();
      if (!failed.isEmpty()) out.printf("  failed: %s%n", String.join(", ", failed));
      if (!outcome.unsettled(p.name()).isEmpty()) {
        out.printf("  not settled: %s%n", String.join(", ", outcome.unsettled(p.name())));
      }
    }
  }

  private static String evidence(PlanRuntime p, ChecklistItem i) {
    return p.probesOf(i.id()).stream().map(id -> {
      ProbeResult r = p.lastResults().get(id);
      return id + ": " + (r == null ? "not run" : r.success() ? "ok" : r.summary());
    }).collect(Collectors.joining("; "));
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** One test suite per plan: a case per gate and per probed item; an item not done is a failure. */
  static void writeJunit(CheckOutcome outcome, Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(file)) {
      XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(os, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("testsuites");
      for (PlanRuntime p : outcome.plans()) suite(x, p, outcome.unsettled(p.name()));
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void suite(XMLStreamWriter x, PlanRuntime p, List<String> unsettled) throws XMLStreamException {
    List<ChecklistItem> probed = p.plan().checklist().items().stream()
        .filter(i -> !p.probesOf(i.id()).isEmpty()).toList();
    long failedItems = probed.stream().filter(i -> p.items().get(i.id()).state() != ItemState.DONE).count();
    long failedGates = p.verdict().gates().stream().filter(g -> !g.passed()).count();
    x.writeStartElement("testsuite");
    x.writeAttribute("name", p.name());
    x.writeAttribute("tests", String.valueOf(probed.size() + p.verdict().gates().size()));
    x.writeAttribute("failures", String.valueOf(failedItems + failedGates));
    for (GateStatus g : p.verdict().gates()) {
      testcase(x, p.name() + ".gates", g.id() + (g.required() ? " (required)" : ""),
          g.passed() ? null : "blocked by " + String.join(", ", g.blocking()));
    }
    for (ChecklistItem i : probed) {
      ItemState s = p.items().get(i.id()).state();
      String failure = s == ItemState.DONE ? null
          : (unsettled.contains(i.id()) ? "not settled" : s.label()) + ": " + evidence(p, i);
      testcase(x, p.name() + "." + (i.section().isEmpty() ? "items" : i.section()), i.id() + " " + i.text(), failure);
    }
    x.writeEndElement();
  }

  private static void testcase(XMLStreamWriter x, String className, String name, String failure)
      throws XMLStreamException {
    x.writeStartElement("testcase");
    x.writeAttribute("classname", className);
    x.writeAttribute("name", Objects.toString(name, ""));
    if (failure != null) {
      x.writeStartElement("failure");
      x.writeAttribute("message", failure);
      x.writeCharacters(failure);
      x.writeEndElement();
    }
    x.writeEndElement();
  }
}
