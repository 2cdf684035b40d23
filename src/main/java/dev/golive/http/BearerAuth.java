package dev.golive.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards a route: a request passes only with {@code Authorization: Bearer <token>} matching one of the accepted
 * tokens (compared in constant time). {@link #writes} refuses with 403 when no write token is configured;
 * {@link #reads} lets everything through when no read token is configured.
 */
final class BearerAuth implements Handler<RoutingContext> {
  private final List<byte[]> accepted = new ArrayList<>();
  private final boolean open;
  private final String disabledMessage;

  private BearerAuth(boolean open, String disabledMessage, String... tokens) {
    this.open = open;
    this.disabledMessage = disabledMessage;
    for (String t : tokens) {
      if (t != null) accepted.add(t.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes: the write token, or 403 when there is none. */
  static BearerAuth writes(Access access) {
    return new BearerAuth(false, "writes are disabled: start golive with GOLIVE_API_TOKEN or --token-file",
        access.writeToken());
  }

  /** Reads: open without a read token; else the read token or the write token. */
  static BearerAuth reads(Access access) {
    return new BearerAuth(!access.readsNeedToken(), null, access.readToken(), access.writeToken());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (open) {
      ctx.next();
      return;
    }
    if (accepted.isEmpty()) {
      ApiRoutes.error(ctx, 403, disabledMessage);
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] t : accepted) ok |= MessageDigest.isEqual(t, p); // no early exit: same time whichever matches
    if (!ok) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"golive\"");
      ApiRoutes.error(ctx, 401, presented.isEmpty() ? "a bearer token is required" : "the bearer token is not valid");
      return;
    }
    ctx.next();
  }
}
