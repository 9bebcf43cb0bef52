import { loadAppConfig } from '../../../src/config/app.config';
import { ConfigError } from '../../../src/config/env';
import { defaultInstanceName, INSTANCE_NAME_PATTERN, instanceOfUserAgent, userAgent } from '../../../src/config/instance-name';

describe('instance name', () => {
  it.each([
    ['web-1', 42, 'web-1-42'],
    ['ip-10-0-0-7.eu-west-1.compute.internal', 7, 'ip-10-0-0-7.eu-west-1.compute.internal-7'],
    ['host with spaces/and:colons', 1, 'host-with-spaces-and-colons-1'],
    ['--odd', 3, 'odd-3'],
    ['', 5, 'synchro-5'],
    ['x'.repeat(100), 123456, `${'x'.repeat(57)}-123456`],
  ])('defaults %j (pid %d) to %j, always a valid name', (host, pid, expected) => {
    const name = defaultInstanceName(host, pid);
    expect(name).toBe(expected);
    expect(name).toMatch(INSTANCE_NAME_PATTERN);
  });

  it.each([
    ['a', true],
    ['synchro-a.1_b', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['-a', false],
    ['a b', false],
    ['a)', false],
    ['é', false],
  ])('INSTANCE_NAME %j valid: %s', (name, valid) => {
    expect(INSTANCE_NAME_PATTERN.test(name)).toBe(valid);
    if (valid) expect(loadAppConfig({ INSTANCE_NAME: name }).instanceName).toBe(name);
    else expect(() => loadAppConfig({ INSTANCE_NAME: name })).toThrow(ConfigError);
  });

  it('is the host and pid when unset', () => {
    expect(loadAppConfig({}).instanceName).toMatch(new RegExp(`-${process.pid}$`));
  });

  it.each([
    ['Synchro/0.1.0 (b)', 'b'],
    ['Synchro/1.2.3-rc.1 (web-1-42)', 'web-1-42'],
    ['axios/1.7.0', null],
    ['Synchro/0.1.0', null],
    [undefined, null],
  ])('reads the instance back from the User-Agent %j: %j', (header, instance) => {
    expect(instanceOfUserAgent(header)).toBe(instance);
  });

  it('writes the User-Agent that it reads back', () => {
    expect(userAgent('0.1.0', 'a')).toBe('Synchro/0.1.0 (a)');
    expect(instanceOfUserAgent(userAgent('0.1.0', 'node-7'))).toBe('node-7');
  });
});
