/**
 * The alert webhook URL is a secret (a Slack incoming webhook carries its token in the path), so
 * answers and the audit trail show only where it points: scheme and host, the rest as "…".
 */
export const REDACTED_TAIL = '…';

/** `https://hooks.slack.com/…` for `https://hooks.slack.com/services/T0/B0/XXXX`; null stays null. */
export function redactedWebhookUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/${REDACTED_TAIL}`;
  } catch {
    return REDACTED_TAIL;
  }
}

/** Whether `sent` is only the redacted form of `stored` sent back (a client PUTting what GET answered): no change. */
export function isRedactedEcho(sent: string | null | undefined, stored: string | null): boolean {
  return typeof sent === 'string' && stored !== null && sent === redactedWebhookUrl(stored);
}
