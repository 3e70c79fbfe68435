/**
 * ISO 4217 currency codes as the runtime's ICU knows them (Intl), so no list is kept by
 * hand: the one check push records and the exchange-rates file both use.
 */
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

export const isCurrencyCode = (code: string): boolean => ISO_4217.has(code);
