import { describe, expect, it } from 'vitest';
import { ISSUE_KEY_COMMAND, localBaseUrl, startSummary } from './start-summary';

describe('the summary npm start prints last', () => {
  it('names addresses a browser on this machine can open', () => {
    expect(localBaseUrl('127.0.0.1', 4000)).toBe('http://127.0.0.1:4000');
    expect(localBaseUrl('0.0.0.0', 4000)).toBe('http://localhost:4000');
    expect(localBaseUrl('::', 4001)).toBe('http://localhost:4001');
    expect(localBaseUrl('::1', 4000)).toBe('http://[::1]:4000');
    expect(localBaseUrl('hub.example.cn', 80)).toBe('http://hub.example.cn:80');
  });

  it('gives GraphQL, the dashboards, and the key issued with the demo with a query to try', () => {
    const text = startSummary({ baseUrl: 'http://127.0.0.1:4000', adminKey: 'prt_abc', analyticsBehind: null });
    expect(text).toContain('GraphQL      http://127.0.0.1:4000/graphql\n');
    expect(text).toContain('Dashboards   http://127.0.0.1:4000/dashboards/\n');
    expect(text).toMatch(/Admin API key[^\n]*\n\s*\n\s*prt_abc\n/);
    expect(text).toContain("curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' -H 'authorization: Bearer prt_abc'");
    expect(text).not.toContain(ISSUE_KEY_COMMAND);
    expect(text).not.toContain('catching up');
  });

  it('without a key, says how to issue one; says when the analytics store is still catching up', () => {
    const text = startSummary({ baseUrl: 'http://localhost:4000', adminKey: null, analyticsBehind: 1 });
    expect(text).toContain(ISSUE_KEY_COMMAND);
    expect(text).not.toMatch(/prt_|demo/i);
    expect(text).toContain('catching up (1 batch to copy)');
    expect(startSummary({ baseUrl: 'http://localhost:4000', adminKey: null, analyticsBehind: 0 })).toMatch(/catching up;/);
  });
});
