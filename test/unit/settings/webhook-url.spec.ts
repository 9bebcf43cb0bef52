import { isRedactedEcho, redactedWebhookUrl } from '../../../src/settings/webhook-url';

describe('redactedWebhookUrl', () => {
  it.each<[string | null, string | null]>([
    ['https://hooks.slack.com/services/T000/B000/XXXXSECRET', 'https://hooks.slack.com/…'],
    ['http://127.0.0.1:9000/hooks/alerts?token=abc', 'http://127.0.0.1:9000/…'],
    ['https://example.com', 'https://example.com/…'],
    ['not a url', '…'],
    [null, null],
  ])('%s → %s', (url, expected) => {
    expect(redactedWebhookUrl(url)).toBe(expected);
  });

  it('never contains the path or the query', () => {
    expect(redactedWebhookUrl('https://h.example/T1/SECRET?k=SECRET')).not.toMatch(/SECRET/);
  });
});

describe('isRedactedEcho', () => {
  const stored = 'https://hooks.slack.com/services/T000/B000/XXXX';
  it.each<[string | null | undefined, string | null, boolean]>([
    ['https://hooks.slack.com/…', stored, true],
    [stored, stored, false], // the same URL in clear is a real (idempotent) change
    ['https://hooks.slack.com/services/other', stored, false],
    ['https://hooks.slack.com/…', null, false], // nothing stored: the redacted form is not a URL to store
    [null, stored, false], // null clears it
    [undefined, stored, false],
  ])('%s against %s → %s', (sent, current, expected) => {
    expect(isRedactedEcho(sent, current)).toBe(expected);
  });
});
