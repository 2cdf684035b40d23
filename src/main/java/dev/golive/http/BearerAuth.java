package dev.golive.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Guards writes: a request passes only with {@code Authorization: Bearer <token>} matching the configured token. */
final class BearerAuth implements Handler<RoutingContext> {
  private final byte[] token;

  BearerAuth(String token) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token == null) {
      ApiRoutes.error(ctx, 403, "writes are disabled: start golive with GOLIVE_API_TOKEN or --token-file");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"golive\"");
      ApiRoutes.error(ctx, 401, presented.isEmpty() ? "a bearer token is required" : "the bearer token is not valid");
      return;
    }
    ctx.next();
  }
}
