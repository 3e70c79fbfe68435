import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('TRUST_PROXY and the dashboard sign-in settings', () => {
  it('is off by default: no forwarded header is believed', () => {
    const config = loadConfig({});
    expect(config.trustProxy).toBe(false);
    expect(config.dashboardSignInPerMinute).toBe(10);
    expect(config.dashboardMaxSessionsPerKey).toBe(20);
  });

  it('takes a hop count or proxy addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'loopback']);
  });

  it('refuses "true" (every client a proxy) and malformed addresses, naming them', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*not valid: true/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.0/33,proxy.local' })).toThrow(/10\.0\.0\.0\/33, proxy\.local/);
  });
});
