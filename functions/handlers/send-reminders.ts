import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { DynamoNudgeStore } from '../adapters/dynamo-nudge-store.js';
import { DynamoSweepCheckpoint } from '../adapters/dynamo-sweep-checkpoint.js';
import { DynamoUserSettings } from '../adapters/dynamo-user-settings.js';
import { cryptoRandomness, systemClock } from '../adapters/system.js';
import { readMailConfig } from '../config.js';
import { type SweepResult, sweepNudges } from '../domain/nudges/sweep.js';
import type { SweepDeps } from '../domain/ports.js';
import { sendingWiring } from '../wiring.js';

// Built once per cold start: configuration is checked here, clients are shared by every invocation.
const config = readMailConfig();
const { logger, log, table, mailer } = sendingWiring(config);
const deps: SweepDeps = {
  cases: new DynamoCaseStore(table),
  settings: new DynamoUserSettings(table),
  nudges: new DynamoNudgeStore(table),
  checkpoint: new DynamoSweepCheckpoint(table),
  mailer,
  clock: systemClock,
  random: cryptoRandomness,
  log,
  config,
};

/**
 * The scheduled sweep. EventBridge gives the schedule's own `time`, which is the sweep's "now": a
 * delayed or replayed invocation sends what was due then, and `bowout remind --now` uses the same.
 */
const sweep = async (event: Partial<ScheduledEvent>): Promise<SweepResult> => {
  const stated = event?.time ? new Date(event.time) : null;
  const now = stated && !Number.isNaN(stated.getTime()) ? stated : systemClock.now();
  return sweepNudges(now, deps);
};

export const handler = middy(sweep).use(injectLambdaContext(logger));
