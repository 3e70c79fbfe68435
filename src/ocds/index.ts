// The OCDS import mapping (ARCHITECTURE.md: `ocds`): pure functions, no database.
export { importOcds, compileProcess, rejectionsOf, type OcdsImport } from './import';
export { readOcds, type ReadResult } from './read';
export { mergeReleases, orderReleases, type Merged } from './merge';
export { upgradeRelease, publishedPointer } from './upgrade';
export { mapCompiledRelease } from './map';
export { ocdsPathOf, DEFAULT_CURRENCY, type CompiledProcess, type MapOptions, type MappedRecord, type Origin } from './map-context';
export type { HubParty, HubIdentifier } from './parties';
export type { Problem, Process, SourcedRelease, Location } from './ocds.types';
