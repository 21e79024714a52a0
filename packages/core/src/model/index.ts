/** @module model — the entity model (FollowTheMoney vocabulary) and its helpers. */
export * from './entity.ts';
export * from './text.ts';
export * from './names.ts';
export * from './dates.ts';
export * from './identifiers.ts';
export * from './countries.ts';
export * from './ftm.ts';
export * from './merge.ts';
export * from './canonical.ts';
