/**
 * @module monitoring/scenarios
 * Labelled synthetic event streams for the monitoring rules (issue 7): `generateScenarios`, the
 * typologies and their ranges, the documentation-address helpers for replays without a
 * geolocation database, and an in-memory replay that builds the context as the server does.
 */
export { generateScenarios, type GenerateOptions, type GeneratedStream } from './generator.ts';
export { EXPECTED_RULES, SCENARIO_NAMES, TYPOLOGY_RANGES, type ScenarioLabel, type ScenarioName } from './typologies.ts';
export { IP_REGIONS, documentationGeo, documentationIps, type IpRegion, type IpsFor } from './ips.ts';
export { Random } from './random.ts';
export { isAlert, replayEvents as replayScenarioEvents, type ReplayOptions as ScenarioReplayOptions, type ReplayResult as ScenarioReplayResult } from './replay.ts';
