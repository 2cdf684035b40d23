package dev.golive.probe.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A body codec that keeps the first {@code cap} bytes of a response and counts the rest, so a huge or endless
 * body never fills the heap (the request's timeout still bounds how long it is read).
 */
public final class CappedBody implements BodyCodec<CappedBody.Body> {
  /** What was kept, and how many bytes the response had in all. */
  public record Body(Buffer data, long size) {
    public boolean truncated() {
      return size > data.length();
    }
  }

  private final int cap;

  public CappedBody(int cap) {
    this.cap = cap;
  }

  @Override
  public BodyStream<Body> stream() {
    return new Stream();
  }

  private final class Stream implements BodyStream<Body> {
    private final Buffer data = Buffer.buffer();
    private final Promise<Body> promise = Promise.promise();
    private long size;

    @Override
    public Future<Body> result() {
      return promise.future();
    }

    @Override
    public void handle(Throwable failure) {
      promise.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer chunk) {
      size += chunk.length();
      int room = cap - data.length();
      if (room > 0) data.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      promise.tryComplete(new Body(data, size));
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
