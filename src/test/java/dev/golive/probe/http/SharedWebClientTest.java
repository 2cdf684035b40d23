package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web client the other HTTP kinds share neither queues nor keeps the connection of a request that timed out while
 * the target was still sending (the request's {@code timeout} resets it), so 80 of them, more than the old shared pool
 * of 64 held, leave the host free for a healthy request.
 */
class SharedWebClientTest {
  private final TestLoop loop = new TestLoop();
  private HostileTargets targets;

  @BeforeEach
  void start() throws Exception {
    targets = new HostileTargets(loop.vertx());
  }

  @AfterEach
  void close() throws Exception {
    targets.close();
    loop.close();
  }

  @Test
  void requestsToATargetThatStreamsForeverAreClosedAndDoNotStarveTheHost() throws Exception {
    AsyncResult<List<Object>> streams = loop.onLoop(() -> {
      List<Future<Object>> all = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        all.add(loop.env().webClient().getAbs(targets.url("/stream")).timeout(300).send()
            .map(r -> (Object) r).otherwise(e -> e));
      }
      return Future.all(all).map(c -> c.list());
    });
    assertThat(streams.succeeded()).isTrue();
    assertThat(streams.result()).as("every request to the endless stream ends").allMatch(r -> r instanceof Throwable);
    assertThat(targets.awaitOpenAtMost(0)).as("connections the server still holds").isZero();

    AsyncResult<HttpResponse<Buffer>> healthy = loop.onLoop(() -> loop.env().webClient()
        .getAbs(targets.url("/health")).timeout(2000).send());

    assertThat(healthy.succeeded()).as("%s", healthy.cause()).isTrue();
    assertThat(healthy.result().statusCode()).isEqualTo(200);
  }
}
