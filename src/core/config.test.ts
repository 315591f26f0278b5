import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from './config.ts';

describe('Trust: BEACON_TRUST_PROXY trusts a number of hops or listed proxies, never every hop', () => {
  it('reads true as one hop, a number as that many hops, and a comma list as proxy addresses or ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ BEACON_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ BEACON_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ BEACON_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ BEACON_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
    ]);
  });

  it('names the variable when the value is neither', () => {
    expect(() => loadConfig({ BEACON_TRUST_PROXY: 'everyone' })).toThrow(ConfigError);
    expect(() => loadConfig({ BEACON_TRUST_PROXY: 'everyone' })).toThrow(/BEACON_TRUST_PROXY/);
    expect(() => loadConfig({ BEACON_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/BEACON_TRUST_PROXY/);
  });
});

describe('The hotline number a fresh install shows is a real national number', () => {
  it('ships a clearly fictional hotline, and warns until the operator sets one', () => {
    const fresh = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-config-test' });
    expect(fresh.deployment.hotlineDisplay).not.toMatch(/843-5678|THE-LOST/);
    expect(fresh.deployment.hotlineTel).toMatch(/^\+1555/);
    expect(configWarnings(fresh).join('\n')).toContain('BEACON_HOTLINE');
    const set = loadConfig({
      BEACON_DATA_DIR: '/tmp/beacon-config-test',
      BEACON_HOTLINE: '1-888-555-0123',
      BEACON_HOTLINE_TEL: '+18885550123',
    });
    expect(configWarnings(set)).toEqual([]);
  });
});
