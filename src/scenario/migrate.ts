/**
 * Explicit migrations between scenario format versions. A file states its `schemaVersion`; older files are
 * brought forward one version at a time by the functions below, newer ones are refused with a clear message.
 * Version 1 is the first, so there is nothing to migrate yet: when version 2 arrives, `MIGRATIONS[1]` turns a
 * version-1 document into a version-2 one.
 */
import { describeValue } from './issues.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';

type Migration = (data: Record<string, unknown>) => void;

const MIGRATIONS: Record<number, Migration> = {};

/** Brings `data` to the current version in place; returns a problem message if it cannot. */
export function migrate(data: Record<string, unknown>): string | undefined {
  const version = data.schemaVersion;
  if (version === undefined) {
    return `schemaVersion is required: add 'schemaVersion: ${CURRENT_SCHEMA_VERSION}' (the version this Hyperclimb reads)`;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return `schemaVersion must be a whole number such as ${CURRENT_SCHEMA_VERSION}, got ${describeValue(version)}`;
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return `this file is for schema version ${version}, newer than this Hyperclimb reads (${CURRENT_SCHEMA_VERSION}); update Hyperclimb`;
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return `no migration from schema version ${v} to ${v + 1}`;
    step(data);
    data.schemaVersion = v + 1;
  }
  return undefined;
}
