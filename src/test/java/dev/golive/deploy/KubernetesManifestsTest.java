package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
  private static final Path DIR = Path.of("deploy/kubernetes");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** kind/name → document, over every manifest file. */
  private static final Map<String, JsonNode> OBJECTS = new HashMap<>();
  private static final Map<String, Path> FILE_OF = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile())) {
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc == null || doc.isNull() || doc.isEmpty()) continue;
          String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
          assertThat(OBJECTS.put(key, doc)).as("%s defined once", key).isNull();
          FILE_OF.put(key, f);
        }
      }
    }
  }

  private static JsonNode get(String kindName) {
    JsonNode n = OBJECTS.get(kindName);
    assertThat(n).as(kindName + " in " + OBJECTS.keySet()).isNotNull();
    return n;
  }

  private static JsonNode deployment() {
    return get("Deployment/golive");
  }

  private static JsonNode container() {
    JsonNode containers = deployment().path("spec").path("template").path("spec").path("containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static List<String> args() {
    List<String> out = new ArrayList<>();
    container().path("args").forEach(a -> out.add(a.asText()));
    return out;
  }

  private static String argAfter(String flag) {
    List<String> args = args();
    int i = args.indexOf(flag);
    assertThat(i).as(flag + " in " + args).isNotNegative();
    return args.get(i + 1);
  }

  private static JsonNode volumeMountedAt(String path) {
    for (JsonNode m : container().path("volumeMounts")) {
      if (m.path("mountPath").asText().equals(path)) {
        for (JsonNode v : deployment().path("spec").path("template").path("spec").path("volumes")) {
          if (v.path("name").asText().equals(m.path("name").asText())) return v;
        }
        throw new AssertionError("mount " + path + " names no volume");
      }
    }
    throw new AssertionError("nothing mounted at " + path);
  }

  @Test
  void everyDocumentIsAKubernetesObject() {
    assertThat(OBJECTS.keySet()).contains("Deployment/golive", "Service/golive", "ConfigMap/golive-plans",
        "Secret/golive-secrets", "PersistentVolumeClaim/golive-data", "Kustomization/");
    OBJECTS.forEach((key, doc) -> {
      assertThat(doc.path("apiVersion").asText()).as(key).isNotBlank();
      if (!key.startsWith("Kustomization/")) {
        assertThat(doc.path("metadata").path("name").asText()).as(key).isNotBlank();
        assertThat(doc.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).as(key)
            .isEqualTo("golive");
      }
    });
  }

  @Test
  void kustomizationListsEveryManifestButTheSecretExampleAndTheOperatorsServiceMonitor() {
    Set<String> listed = new HashSet<>();
    get("Kustomization/").path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> expected = new HashSet<>();
    FILE_OF.forEach((key, f) -> {
      if (!key.startsWith("Kustomization/") && !key.startsWith("Secret/") && !key.startsWith("ServiceMonitor/")) {
        expected.add(f.getFileName().toString());
      }
    });
    assertThat(listed).isEqualTo(expected);
  }

  @Test
  void theServiceMonitorScrapesTheServicesHttpPortAtTheAnnotatedPath() {
    JsonNode monitor = get("ServiceMonitor/golive");
    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    JsonNode svc = get("Service/golive");
    monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
        assertThat(svc.path("metadata").path("labels").path(e.getKey())).as("Service label " + e.getKey())
            .isEqualTo(e.getValue()));
    JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
    List<String> servicePorts = new java.util.ArrayList<>();
    svc.path("spec").path("ports").forEach(p -> servicePorts.add(p.path("name").asText()));
    assertThat(servicePorts).contains(endpoint.path("port").asText());
    assertThat(endpoint.path("path").asText()).isEqualTo(deployment().path("spec").path("template").path("metadata")
        .path("annotations").path("prometheus.io/path").asText());
    assertThat(dev.golive.config.Durations.parse(endpoint.path("scrapeTimeout").asText()))
        .isLessThan(dev.golive.config.Durations.parse(endpoint.path("interval").asText()));
  }

  @Test
  void runsOneReplicaThatNeverOverlapsWithItsSuccessor() {
    JsonNode spec = deployment().path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("Recreate");
    assertThat(get("PersistentVolumeClaim/golive-data").path("spec").path("accessModes").get(0).asText())
        .isEqualTo("ReadWriteOnce");
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    spec.path("selector").path("matchLabels").fields()
        .forEachRemaining(e -> assertThat(labels.path(e.getKey())).isEqualTo(e.getValue()));
  }

  @Test
  void runsAsNonRootOnAReadOnlyRootFilesystem() {
    JsonNode pod = deployment().path("spec").path("template").path("spec").path("securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isPositive();
    assertThat(pod.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode c = container().path("securityContext");
    assertThat(c.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(c.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(c.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
    assertThat(c.has("privileged") && c.path("privileged").asBoolean()).isFalse();
    // the JVM needs a writable /tmp when the root filesystem is read-only
    assertThat(volumeMountedAt("/tmp").has("emptyDir")).isTrue();
  }

  @Test
  void dataDirectoryIsThePersistentVolume() {
    assertThat(args().get(0)).isEqualTo("run");
    JsonNode data = volumeMountedAt(argAfter("--data"));
    assertThat(data.path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("golive-data");
  }

  @Test
  void plansComeFromTheConfigMapAsOneFolderPerPlan() throws IOException {
    JsonNode plans = volumeMountedAt(argAfter("--plans")).path("configMap");
    assertThat(plans.path("name").asText()).isEqualTo("golive-plans");
    JsonNode data = get("ConfigMap/golive-plans").path("data");
    Set<String> keys = new HashSet<>();
    data.fieldNames().forEachRemaining(keys::add);
    Set<String> mapped = new HashSet<>();
    Set<String> planDirs = new HashSet<>();
    for (JsonNode item : plans.path("items")) {
      String key = item.path("key").asText();
      String path = item.path("path").asText();
      mapped.add(key);
      assertThat(path).as("key %s", key).isEqualTo(key.replaceFirst("\\.", "/"));
      if (path.endsWith("/golive.yaml")) planDirs.add(path.substring(0, path.indexOf('/')));
    }
    assertThat(mapped).as("every key is mounted").isEqualTo(keys);
    assertThat(planDirs).isNotEmpty();
    for (String plan : planDirs) {
      JsonNode config = YAML.readTree(data.path(plan + ".golive.yaml").asText());
      String checklist = config.path("checklist").asText();
      assertThat(keys).as("plan %s has its checklist", plan).contains(plan + "." + checklist);
      assertThat(config.path("probes")).isNotEmpty();
    }
  }

  @Test
  void secretsReachTheContainerAsEnvironment() {
    JsonNode secret = get("Secret/golive-secrets");
    assertThat(secret.path("stringData").has("GOLIVE_API_TOKEN")).isTrue();
    boolean referenced = false;
    for (JsonNode from : container().path("envFrom")) {
      referenced |= from.path("secretRef").path("name").asText().equals("golive-secrets");
    }
    assertThat(referenced).isTrue();
  }

  @Test
  void serviceAndScrapeAnnotationsUseTheHttpPort() {
    JsonNode port = container().path("ports").get(0);
    assertThat(port.path("name").asText()).isEqualTo("http");
    assertThat(port.path("containerPort").asInt()).isEqualTo(8080);
    JsonNode svc = get("Service/golive").path("spec");
    assertThat(svc.path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
    JsonNode podLabels = deployment().path("spec").path("template").path("metadata").path("labels");
    svc.path("selector").fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
    JsonNode ann = deployment().path("spec").path("template").path("metadata").path("annotations");
    assertThat(ann.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(ann.path("prometheus.io/port").asText()).isEqualTo("8080");
    assertThat(ann.path("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  @Test
  void probesAndScrapePathAreServedByGolive() throws Exception {
    JsonNode c = container();
    assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(c.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("http");
    }
    String scrapePath = deployment().path("spec").path("template").path("metadata").path("annotations")
        .path("prometheus.io/path").asText();
    try (ApiServer api = new ApiServer(true)) {
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        assertThat(api.status(c.path(probe).path("httpGet").path("path").asText())).as(probe).isEqualTo(200);
      }
      assertThat(api.status(scrapePath)).isEqualTo(200);
      assertThat(api.status("/no-such-path")).as("control: unknown paths are not 200").isNotEqualTo(200);
    }
    try (ApiServer starting = new ApiServer(false)) {
      assertThat(starting.status(c.path("readinessProbe").path("httpGet").path("path").asText())).isEqualTo(503);
      assertThat(starting.status(c.path("livenessProbe").path("httpGet").path("path").asText())).isEqualTo(200);
    }
  }

  @Test
  void theHeapIsBoundByTheMemoryLimitWithRoomForTheRest() {
    JsonNode resources = container().path("resources");
    String limit = resources.path("limits").path("memory").asText();
    assertThat(limit).as("a memory limit").isNotEmpty();
    assertThat(resources.path("requests").path("memory").asText()).as("request = limit: never OOM-killed for "
        + "using what the heap may take").isEqualTo(limit);
    String opts = null;
    for (JsonNode e : container().path("env")) {
      if (e.path("name").asText().equals("GOLIVE_JAVA_OPTS")) opts = e.path("value").asText();
      assertThat(e.path("name").asText()).as("the launcher sets the JVM options").isNotIn("JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS");
    }
    assertThat(opts).as("GOLIVE_JAVA_OPTS").isNotNull().doesNotContain("-Xmx");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(opts);
    assertThat(m.find()).as(opts).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("heap share of the limit").isBetween(25, 60);
  }
}
