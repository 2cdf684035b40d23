package dev.golive.probe.access;

import dev.golive.config.ConfigNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One identity of the access matrix: the headers it adds to a request. {@code none} adds nothing. The header values
 * are secrets: they never appear in evidence.
 */
record Credential(String name, Map<String, String> headers, List<String> secrets) {
  Credential {
    headers = Map.copyOf(headers);
    secrets = List.copyOf(secrets);
  }

  /** Reads {@code none}, {@code {bearer: T}}, {@code {basic: {user, password}}} or {@code {headers: {K: V}}}. */
  static Credential read(String name, ConfigNode n) {
    if (!n.isMap()) {
      String text = n.asString();
      if (!"none".equalsIgnoreCase(text)) {
        n.problem("expected none, {bearer: TOKEN}, {basic: {user: U, password: P}} or {headers: {Name: value}}, got '"
            + text + "'");
        return null;
      }
      return new Credential(name, Map.of(), List.of());
    }
    if (!n.allowOnly("bearer", "basic", "headers")) return null;
    if (n.keys().size() != 1) {
      n.problem("give exactly one of bearer, basic or headers");
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>();
    if (n.has("bearer")) {
      String token = n.requiredString("bearer");
      if (token == null) return null;
      headers.put("Authorization", "Bearer " + token);
      secrets.add(token);
    } else if (n.has("basic")) {
      ConfigNode b = n.get("basic").orElseThrow();
      if (!b.allowOnly("user", "password")) return null;
      String user = b.requiredString("user");
      String password = b.requiredString("password");
      if (user == null || password == null) return null;
      String encoded = n.secrets().registerBasic(user, password);
      headers.put("Authorization", "Basic " + encoded);
      secrets.add(password);
      secrets.add(encoded);
    } else {
      headers.putAll(n.stringMap("headers"));
      if (headers.isEmpty()) {
        n.problem("headers: give at least one header");
        return null;
      }
      secrets.addAll(headers.values());
    }
    return new Credential(name, headers, secrets);
  }
}
