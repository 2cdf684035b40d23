package dev.golive.probe.metrics;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A body codec that reads an exposition line by line as it streams in and keeps only the samples of one metric
 * whose labels match, so scraping a large endpoint never holds the whole page in memory.
 */
final class MatchingLines implements BodyCodec<List<Sample>> {
  private static final int MAX_LINE = 1024 * 1024;

  private final String metric;
  private final Predicate<Sample> wanted;

  MatchingLines(String metric, Map<String, String> labels) {
    this.metric = metric;
    this.wanted = s -> s.name().equals(metric)
        && labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())));
  }

  /** The matching samples of a whole text (for tests and one-off parsing). */
  List<Sample> matching(String text) {
    List<Sample> out = new ArrayList<>();
    text.lines().forEach(line -> accept(line, out));
    return out;
  }

  private void accept(String line, List<Sample> out) {
    if (!Exposition.mayBe(line, metric)) return;
    Sample s = Exposition.parseLine(line);
    if (s != null && wanted.test(s)) out.add(s);
  }

  @Override
  public BodyStream<List<Sample>> stream() {
    return new Stream();
  }

  private final class Stream implements BodyStream<List<Sample>> {
    private final Promise<List<Sample>> promise = Promise.promise();
    private final List<Sample> samples = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;

    @Override
    public Future<List<Sample>> result() {
      return promise.future();
    }

    @Override
    public void handle(Throwable failure) {
      promise.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer chunk) {
      byte[] bytes = chunk.getBytes();
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          append(bytes, start, i - start);
          flush();
          start = i + 1;
        }
      }
      append(bytes, start, bytes.length - start);
      return Future.succeededFuture();
    }

    private void append(byte[] bytes, int from, int length) {
      if (overlong || length == 0) return;
      if (line.size() + length > MAX_LINE) {
        overlong = true;
        line.reset();
        return;
      }
      line.write(bytes, from, length);
    }

    private void flush() {
      if (!overlong && line.size() > 0) accept(line.toString(StandardCharsets.UTF_8), samples);
      line.reset();
      overlong = false;
    }

    @Override
    public Future<Void> end() {
      flush();
      promise.tryComplete(samples);
      return Future.succeededFuture();
    }

    @Override
    public Stream exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Stream setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public Stream drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
