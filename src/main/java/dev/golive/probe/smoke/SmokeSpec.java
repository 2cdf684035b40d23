package dev.golive.probe.smoke;

import dev.golive.probe.tls.TlsSettings;
import dev.golive.probe.request.BaseUrl;
import dev.golive.probe.request.JsonPath;
import dev.golive.probe.request.RequestLine;
import dev.golive.probe.request.StatusSet;
import java.util.List;
import java.util.Map;

/** The validated {@code smoke:} block: HTTP steps run in order, passing extracted values along as {@code ${name}}. */
public record SmokeSpec(BaseUrl url, List<Step> steps, TlsSettings tls) {
  public SmokeSpec {
    steps = List.copyOf(steps);
  }

  /**
   * One step. {@code json} is a JsonObject/JsonArray template (strings may hold {@code ${var}}), {@code body} raw text;
   * at most one of them is set. {@code always} steps run even after a failure (cleanup).
   */
  public record Step(String name, RequestLine request, Map<String, String> headers, Object json, String body,
      StatusSet expect, Map<String, Extract> extract, boolean always) {
    public Step {
      headers = Map.copyOf(headers);
      extract = Map.copyOf(extract);
    }
  }

  /** Where a value comes from: {@code [BODY].path}, {@code [HEADER].Name} or {@code [STATUS]}. */
  public record Extract(String text, Source source, JsonPath path, String header) {
    public enum Source { BODY, HEADER, STATUS }
  }
}
