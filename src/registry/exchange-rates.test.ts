import { describe, expect, it } from 'vitest';
import { readRates } from './exchange-rates';

describe('exchange rates file', () => {
  it('keeps the good rows and names the line and field of each bad one', () => {
    const { rates, problems } = readRates(
      [
        { currency: 'usd', month: '2025-06', yuan_per_unit: '7.1789', source: 'PBOC' },
        { currency: 'GBP', month: '2025-13', yuan_per_unit: '9.7' },
        { currency: 'XYZ', month: '2025-06', yuan_per_unit: '1' },
        { currency: 'EUR', month: '2025-06', yuan_per_unit: '-1' },
        { currency: 'CNY', month: '2025-06', yuan_per_unit: '1' },
      ],
      'file.csv',
    );
    expect(rates).toEqual([{ currency: 'USD', month: '2025-06-01', yuanPerUnit: '7.1789', source: 'PBOC' }]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'month'],
      [4, 'currency'],
      [5, 'yuan_per_unit'],
      [6, 'currency'],
    ]);
  });
});
