package dev.golive.probe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.RequestOptions;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request is aimed at a URL exactly as Vert.x's own absolute-URI parsing would aim it. */
class RequestTargetTest {
  @ParameterizedTest
  @ValueSource(strings = {"http://api.example.com", "http://api.example.com/", "https://api.example.com/health",
      "https://api.example.com:8443/a/b?x=1&y=%20z", "http://127.0.0.1:8080?only=query", "http://[::1]:9000/v6",
      "HTTPS://Example.COM/Mixed/Case", "http://h/p%2Fq?a=b#fragment", "https://h/search?q=a+b&r=%C3%A9"})
  void aimsLikeAnAbsoluteUri(String url) {
    RequestOptions ours = HttpObserver.aimedAt(new RequestOptions(), URI.create(url));
    RequestOptions vertx = new RequestOptions().setAbsoluteURI(url);
    assertThat(ours.isSsl()).isEqualTo(vertx.isSsl());
    assertThat(ours.getHost()).isEqualTo(vertx.getHost());
    assertThat(ours.getPort()).isEqualTo(vertx.getPort());
    assertThat(ours.getURI()).isEqualTo(vertx.getURI());
  }
}
