import { runDemo } from '../../scripts/demo';

/** `npm run demo` runs to completion (in-process here: CI has no dist/ unless built). */
describe('the demo', () => {
  it('shows contacts flowing both ways and finishes by itself', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const result = await runDemo((line) => lines.push(line));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.cronRuns.map((r) => r.status)).toEqual(['success', 'success', 'partial']);
    expect(result.cronRuns[2]).toMatchObject({ counts: { received: 3, applied: 2, failed: 1, confirmed: 3 } });
    expect(result.cronRuns[0]).toMatchObject({ counts: { sent: 1 } });
    const names = result.odooContacts.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['Azure Interior', 'Contact 1', 'Contact 2', 'Contact 3', 'Customer 4', 'Name of record modified']),
    );
    expect(
      Object.values(result.externalRecords)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Contact 3', 'Customer 4']);
    // The customer went out at once (real time), Contact 3 with the cron run; nothing received was echoed back.
    expect(result.sends.map((s) => (s.values as { name: string }).name)).toEqual(['Customer 4', 'Contact 3']);
    expect(result.sends[0]).toMatchObject({ action: 'create', values: { country: 'ES' }, external_id: null });
    expect(result.odooContacts.filter((c) => c.name === 'Customer 4' || c.name === 'Contact 3').every((c) => c.x_sys_id)).toBe(true);
    expect(result.envelope).toMatchObject({ jsonrpc: '2.0', id: null, result: { status: 'success', error_message: '' } });
    expect(result.changeLogTotal).toBeGreaterThan(10);
    expect(lines.join('\n')).toContain('Where to look');
  });
});
