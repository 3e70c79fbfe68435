import { describe, expect, it } from 'vitest';
import { exposureWarning, isLoopback } from './exposure-warning';

describe('start-up warning when serving beyond loopback', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'hub.example.cn', '128.0.0.1']) expect(isLoopback(h)).toBe(false);
  });

  it('warns for 0.0.0.0: TLS through a proxy, TRUST_PROXY, and NODE_ENV only when it opens the schema', () => {
    expect(exposureWarning('127.0.0.1', 'development', false)).toBeNull();
    const warning = exposureWarning('0.0.0.0', 'development', false)!;
    expect(warning).toContain('reachable from other machines');
    expect(warning).toContain('TLS');
    expect(warning).toContain('TRUST_PROXY');
    expect(warning).toContain('NODE_ENV=development');
    expect(exposureWarning('0.0.0.0', 'production', ['10.0.0.1'])).not.toContain('NODE_ENV');
    expect(exposureWarning('0.0.0.0', 'test', false)).not.toContain('NODE_ENV');
  });
});
