import { describe, expect, it } from 'vitest';
import { configWarnings, loadConfig } from './config.ts';

describe('The hotline number a fresh install shows is a real national number', () => {
  it('ships a clearly fictional hotline, and warns until the operator sets one', () => {
    const fresh = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-config-test' });
    expect(fresh.deployment.hotlineDisplay).not.toMatch(/843-5678|THE-LOST/);
    expect(fresh.deployment.hotlineTel).toMatch(/^\+1555/);
    expect(configWarnings(fresh).join('\n')).toContain('BEACON_HOTLINE');
    const set = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-config-test', BEACON_HOTLINE: '1-888-555-0123', BEACON_HOTLINE_TEL: '+18885550123' });
    expect(configWarnings(set)).toEqual([]);
  });
});
