package dev.golive.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.golive.http.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The evidence pack of one plan as read from a running daemon: the verdict, the gates, and every item with its
 * state, its latest probe results and its stored transitions (who or which probe ticked it, when, and why). The pack
 * is plain JSON (the API's own shapes), so the JSON format is the pack itself and Markdown is a rendering of it.
 */
public final class EvidencePack {
  /** Transitions kept per item (newest first). */
  static final int HISTORY = 10;

  private EvidencePack() {}

  /** Reads the pack (blocking, one request per item). */
  static ObjectNode read(DaemonApi api, String plan, Instant now) throws ReportException {
    JsonNode summary = api.get("plans", plan);
    JsonNode gates = api.get("plans", plan, "gates");
    JsonNode items = api.get("plans", plan, "items");
    ObjectNode pack = Json.MAPPER.createObjectNode();
    pack.put("plan", summary.path("plan").asText(plan));
    pack.put("go", gates.path("go").asBoolean(summary.path("go").asBoolean()));
    pack.put("generatedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
    pack.put("source", api.base().toString());
    pack.set("counts", summary.path("items"));
    pack.set("gates", gates.path("gates"));
    ArrayNode out = pack.putArray("items");
    for (JsonNode item : items) {
      JsonNode detail = api.get("plans", plan, "items", item.path("id").asText());
      ObjectNode i = ((ObjectNode) detail.path("item")).deepCopy();
      ArrayNode history = i.putArray("evidence");
      int n = 0;
      for (JsonNode t : detail.path("evidence")) {
        if (n++ >= HISTORY) break;
        history.add(t);
      }
      out.add(i);
    }
    return pack;
  }
}
