package dev.golive.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.golive.daemon.DaemonOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's identity lives in its data directory: a restart there is the same replica (it finds its own leases and
 * held-back changes), a second process there is refused, and an H2 store is no cluster at all.
 */
class ClusterSetupTest {
  @TempDir Path dir;

  @Test
  void aRestartOnTheSameDataDirectoryIsTheSameReplicaAndASecondProcessThereIsRefused() throws Exception {
    ClusterSetup first = ClusterSetup.replicaId(options(dir.resolve("data")));
    String id = first.id();
    assertThat(id).matches("[A-Za-z0-9._:-]+-[0-9a-f]{8}");
    assertThat(Files.readString(dir.resolve("data/replica-id")).strip()).isEqualTo(id);
    assertThatThrownBy(() -> ClusterSetup.replicaId(options(dir.resolve("data"))))
        .hasMessage("the data directory " + dir.resolve("data") + " is in use by another golive process: each "
            + "replica needs a --data of its own");
    first.close();

    ClusterSetup restarted = ClusterSetup.replicaId(options(dir.resolve("data")));
    assertThat(restarted.id()).isEqualTo(id);
    ClusterSetup other = ClusterSetup.replicaId(options(dir.resolve("other")));
    assertThat(other.id()).isNotEqualTo(id);
    restarted.close();
    other.close();
  }

  @Test
  void anH2StoreIsNoCluster() {
    assertThat(ClusterSetup.replicaId(new DaemonOptions("127.0.0.1", 0, dir, null, null, null, null, null)))
        .isNull();
    assertThat(dir.resolve("replica-id")).doesNotExist();
  }

  private static DaemonOptions options(Path data) {
    return new DaemonOptions("127.0.0.1", 0, data, "jdbc:postgresql://127.0.0.1:1/none", "u", "p", null, null);
  }
}
