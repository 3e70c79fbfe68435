// The cardinal-rs red-flag indicators over an OCDS file: `hub warnings cardinal` (docs/cardinal.md).
export { runIndicators, BadLineError, type RunOptions } from './run';
export { renderResults, countLines, type OutputOptions } from './output';
export { loadSettings, settingsFromIni, SettingsError, NO_SETTINGS, type CardinalSettings } from './settings';
