import { describePortContracts } from '../contract/port-contracts.js';
import {
  MemoryCaseStore,
  MemoryMessageLedger,
  MemoryNudgeStore,
  MemoryQuotaCounter,
  MemoryRawMail,
  MemorySuppressionList,
  MemorySweepCheckpoint,
  MemoryUserSettings,
  RecordingMailer,
} from '../support/memory-ports.js';

/** The ports' contracts against the in-memory twins the domain tests use. */
describePortContracts('in memory', () => ({
  messages: async () => new MemoryMessageLedger(),
  cases: async (clock) => new MemoryCaseStore(clock),
  quotas: async () => new MemoryQuotaCounter(),
  settings: async (clock) => new MemoryUserSettings(clock),
  nudges: async () => new MemoryNudgeStore(),
  checkpoint: async () => new MemorySweepCheckpoint(),
  suppressions: async (clock) => new MemorySuppressionList(clock),
  rawMail: async () => {
    const store = new MemoryRawMail();
    return { store, put: async (id, raw) => void store.objects.set(id, raw) };
  },
  mailer: async () => {
    const mailer = new RecordingMailer();
    return {
      mailer,
      recipients: async (messageId) => {
        const sent = mailer.sent[Number(messageId.replace(/^ses-/, '')) - 1];
        return { to: sent?.to ?? [], cc: sent?.cc ?? [] };
      },
    };
  },
}));
