package dev.golive.probe.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RequestSupportTest {

  @Test
  void requestLines() {
    assertThat(RequestLine.parse(" post /graphql?x=1 ")).isEqualTo(new RequestLine(HttpMethod.POST, "/graphql?x=1"));
    assertThatThrownBy(() -> RequestLine.parse("FETCH /x")).hasMessageStartingWith("unknown method 'FETCH'");
    assertThatThrownBy(() -> RequestLine.parse("/x")).hasMessageStartingWith("bad request line '/x'");
    assertThatThrownBy(() -> RequestLine.parse("GET x")).hasMessageContaining("must start with '/'");
  }

  @Test
  void statusSets() {
    StatusSet s = new StatusSet(List.of("401", "403"));
    assertThat(s.matches(403)).isTrue();
    assertThat(s.matches(200)).isFalse();
    assertThat(s.describe()).isEqualTo("401 or 403");
    assertThat(StatusSet.SUCCESS.matches(302)).isTrue();
    assertThat(StatusSet.SUCCESS.matches(404)).isFalse();
    assertThat(StatusSet.SUCCESS.describe()).isEqualTo("2xx or 3xx");
  }

  @Test
  void jsonPaths() {
    Object json = JsonPath.parseJson("{\"data\":{\"rows\":[{\"t\":\"A\"},{\"t\":\"B\"}]}}");
    assertThat(JsonPath.parse("data.rows[1].t").select(json)).contains("B");
    assertThat(JsonPath.parse("data.rows[2].t").select(json)).isEmpty();
    assertThat(JsonPath.parse("").select(json)).containsInstanceOf(JsonObject.class);
    assertThatThrownBy(() -> JsonPath.parse("data..rows")).hasMessageStartingWith("bad JSON path");
    assertThatThrownBy(() -> JsonPath.parseJson("<html>")).hasMessage("response body is not JSON");
  }

  @Test
  void boundedKeepsOrderAndLimit() {
    List<Promise<Integer>> pending = new ArrayList<>();
    List<Supplier<Future<Integer>>> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(() -> {
        Promise<Integer> p = Promise.promise();
        pending.add(p);
        return p.future();
      });
    }
    Future<List<Integer>> all = Bounded.all(tasks, 2);
    assertThat(pending).hasSize(2);
    pending.get(1).complete(1);
    assertThat(pending).hasSize(3);
    pending.get(0).complete(0);
    pending.get(2).complete(2);
    pending.get(3).complete(3);
    assertThat(all.isComplete()).isFalse();
    pending.get(4).complete(4);
    assertThat(all.result()).containsExactly(0, 1, 2, 3, 4);
  }
}
