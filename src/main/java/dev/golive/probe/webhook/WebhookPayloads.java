package dev.golive.probe.webhook;

import dev.golive.probe.webhook.WebhookSpec.Scheme;

/**
 * The default delivery of each scheme: a realistic event shaped as the provider's public docs show it, so a handler
 * that reads the fields it expects does not crash on golive's test and blame the signature claim. The values are the
 * docs' own sample ids (a test phone number, {@code octocat/Hello-World}, a test-mode Stripe event).
 */
final class WebhookPayloads {
  static final String GITHUB_HOOK_ID = "30";

  private WebhookPayloads() {}

  static String of(Scheme scheme) {
    return switch (scheme) {
      case META -> WHATSAPP_MESSAGE;
      case GITHUB -> GITHUB_PING;
      case STRIPE -> STRIPE_EVENT;
      case SLACK -> "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"golive-verification\","
          + "\"type\":\"url_verification\"}";
      case HMAC -> "{\"event\":\"golive.test\",\"test\":true}";
    };
  }

  /** A WhatsApp Cloud API {@code messages} change: one text message from the docs' test number. */
  static final String WHATSAPP_MESSAGE = "{\"object\":\"whatsapp_business_account\",\"entry\":[{"
      + "\"id\":\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
      + "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
      + "\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}],"
      + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=\","
      + "\"timestamp\":\"1739321024\",\"type\":\"text\",\"text\":{\"body\":\"golive verification message\"}}]},"
      + "\"field\":\"messages\"}]}]}";

  /** GitHub's {@code ping}, sent when a webhook is created. */
  static final String GITHUB_PING = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":" + GITHUB_HOOK_ID + ","
      + "\"hook\":{\"type\":\"Repository\",\"id\":" + GITHUB_HOOK_ID + ",\"name\":\"web\",\"active\":true,"
      + "\"events\":[\"push\",\"pull_request\"],\"config\":{\"content_type\":\"json\",\"insecure_ssl\":\"0\"},"
      + "\"updated_at\":\"2026-01-01T00:00:00Z\",\"created_at\":\"2026-01-01T00:00:00Z\","
      + "\"url\":\"https://api.github.com/repos/octocat/Hello-World/hooks/30\"},"
      + "\"repository\":{\"id\":1296269,\"name\":\"Hello-World\",\"full_name\":\"octocat/Hello-World\","
      + "\"private\":false,\"owner\":{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"},"
      + "\"html_url\":\"https://github.com/octocat/Hello-World\"},"
      + "\"sender\":{\"login\":\"octocat\",\"id\":1,\"type\":\"User\"}}";

  /** A Stripe {@code event} in test mode, of a type handlers rarely act on ({@code payment_intent.created}). */
  static final String STRIPE_EVENT = "{\"id\":\"evt_1GoliveVerification0001\",\"object\":\"event\","
      + "\"api_version\":\"2024-06-20\",\"created\":1739321024,\"data\":{\"object\":{"
      + "\"id\":\"pi_1GoliveVerification0001\",\"object\":\"payment_intent\",\"amount\":2000,\"currency\":\"usd\","
      + "\"livemode\":false,\"status\":\"requires_payment_method\"}},\"livemode\":false,\"pending_webhooks\":1,"
      + "\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"payment_intent.created\"}";
}
