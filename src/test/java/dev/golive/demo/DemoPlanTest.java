package dev.golive.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPlanTest {
  @TempDir Path data;

  @Test
  void defaultServicePortsKeepThePlanAsItIs() throws Exception {
    Path plan = Path.of("probes/demo");
    assertThat(DemoPlan.withServicePorts(plan, data, DemoPlan.SERVICE_PORT, DemoPlan.SERVICE_TLS_PORT))
        .isEqualTo(plan);
  }

  @Test
  void otherServicePortsPointACopyOfThePlanAtThem() throws Exception {
    Path copy = DemoPlan.withServicePorts(Path.of("probes/demo"), data, 40001, 40002);
    String yaml = Files.readString(copy.resolve("golive.yaml"));
    assertThat(yaml).contains("http://127.0.0.1:40001/health", "port: 40002")
        .doesNotContain(String.valueOf(DemoPlan.SERVICE_PORT), String.valueOf(DemoPlan.SERVICE_TLS_PORT));
    assertThat(copy.resolve("checklist.md")).hasSameTextualContentAs(Path.of("probes/demo/checklist.md"));
    assertThat(Files.readString(Path.of("probes/demo/golive.yaml"))).as("the original is untouched")
        .contains("127.0.0.1:18089");
  }
}
