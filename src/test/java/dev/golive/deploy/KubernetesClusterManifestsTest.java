package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes/cluster and deploy/docker/compose.cluster.yaml: three replicas on PostgreSQL. */
class KubernetesClusterManifestsTest {
  private static final Path DIR = Path.of("deploy/kubernetes/cluster");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Map<String, JsonNode> objects() throws IOException {
    Map<String, JsonNode> out = new HashMap<>();
    try (Stream<Path> s = Files.list(DIR)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode doc = YAML.readTree(f.toFile());
        out.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), doc);
      }
    }
    return out;
  }

  @Test
  void threeReplicasOnPostgresqlWithADisruptionBudgetAndReadinessOnTheLease() throws IOException {
    Map<String, JsonNode> o = objects();
    JsonNode spec = o.get("Deployment/golive-cluster").path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(3);
    JsonNode container = spec.path("template").path("spec").path("containers").get(0);
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    assertThat(args).contains("--store-url");
    assertThat(args.get(args.indexOf("--store-url") + 1)).startsWith("jdbc:postgresql://");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    assertThat(container.toString()).contains("GOLIVE_ADVERTISE_URL").contains("status.podIP")
        .contains("GOLIVE_STORE_PASSWORD");
    JsonNode pdb = o.get("PodDisruptionBudget/golive-cluster");
    assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
    assertThat(pdb.path("spec").path("selector")).isEqualTo(spec.path("selector"));
    assertThat(o.get("Service/golive-cluster").path("spec").path("selector"))
        .isEqualTo(spec.path("selector").path("matchLabels"));
    List<String> listed = new ArrayList<>();
    o.get("Kustomization/").path("resources").forEach(r -> listed.add(r.asText()));
    assertThat(listed).containsExactlyInAnyOrder("deployment.yaml", "pdb.yaml", "service.yaml");
  }

  @Test
  void composeRunsThreeReplicasOnOnePostgresql() throws IOException {
    JsonNode compose = YAML.readTree(Path.of("deploy/docker/compose.cluster.yaml").toFile());
    JsonNode services = compose.path("services");
    assertThat(services.has("postgres")).isTrue();
    for (String r : List.of("golive-1", "golive-2", "golive-3")) {
      assertThat(services.path(r).path("command").toString()).contains("jdbc:postgresql://postgres:5432/golive");
      assertThat(services.path(r).path("environment").path("GOLIVE_ADVERTISE_URL").asText())
          .isEqualTo("http://" + r + ":8080");
    }
  }
}
