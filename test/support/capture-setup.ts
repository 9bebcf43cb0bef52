/**
 * setupFilesAfterEnv of every Jest config: each test file's in-process apps are made through
 * `capturedApp` (test/support/app-capture.ts), so every log line and answer lands in the capture
 * folder the secret scan reads (test/support/global-teardown.ts). The real createApp does the work.
 */
jest.mock('../../src/bootstrap', () => {
  const actual = jest.requireActual<typeof import('../../src/bootstrap')>('../../src/bootstrap');
  const { capturedApp } = jest.requireActual<typeof import('./app-capture')>('./app-capture');
  return { ...actual, createApp: (options?: Parameters<typeof actual.createApp>[0]) => capturedApp(actual.createApp, options) };
});
