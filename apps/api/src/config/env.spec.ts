import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './env.js';

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('configuration of the event store', () => {
  it('defaults to the embedded SQLite log, with the read models in a file of their own beside it (a rebuild never locks the log)', () => {
    const config = loadConfig({ CARNET_DATA_DIR: '/srv/carnet' });
    expect(config.eventStore).toEqual({ kind: 'sqlite', path: resolve('/srv/carnet/carnet.sqlite') });
    expect(config.readModelsPath).toBe(resolve('/srv/carnet/read-models.sqlite'));
  });

  it('selects EventStoreDB with its connection string, the read models staying in the data directory', () => {
    const config = loadConfig({ CARNET_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://a:2113,b:2113,c:2113?tls=false', CARNET_DATA_DIR: '/srv/carnet' });
    expect(config.eventStore).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://a:2113,b:2113,c:2113?tls=false' });
    expect(config.readModelsPath).toBe(resolve('/srv/carnet/read-models.sqlite'));
  });

  it('keeps the per-person key store beside the log unless CARNET_PERSON_KEYS points elsewhere (a volume the nodes share)', () => {
    expect(loadConfig({ CARNET_DATA_DIR: '/srv/carnet' }).personKeysPath).toBe(resolve('/srv/carnet/person-keys.sqlite'));
    expect(loadConfig({ CARNET_DATA_DIR: '/srv/carnet', CARNET_PERSON_KEYS: '/keys/person-keys.sqlite' }).personKeysPath).toBe('/keys/person-keys.sqlite');
  });

  it('refuses eventstoredb without a connection string, saying what to set', () => {
    expect(problemsOf({ CARNET_EVENT_STORE: 'eventstoredb' })).toContain('CARNET_EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  });

  it('refuses a connection string that is not esdb:// or esdb+discover://', () => {
    expect(problemsOf({ CARNET_EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' })).toContain('EVENTSTORE_CONNECTION_STRING="http://localhost:2113": EVENTSTORE_CONNECTION_STRING must start with esdb://');
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://cluster.local:2113', CARNET_EVENT_STORE: 'eventstoredb' }).eventStore.kind).toBe('eventstoredb');
  });

  it('refuses an unknown engine', () => {
    expect(problemsOf({ CARNET_EVENT_STORE: 'postgres' })).toContain('CARNET_EVENT_STORE="postgres"');
  });
});

describe('configuration of a node', () => {
  it('a named node keeps its read models in a file of its own beside the shared log', () => {
    const config = loadConfig({ CARNET_DATA_DIR: '/srv/carnet', CARNET_NODE_NAME: 'node-2' });
    expect(config.nodeName).toBe('node-2');
    expect(config.eventStore).toMatchObject({ path: resolve('/srv/carnet/carnet.sqlite') });
    expect(config.readModelsPath).toBe(resolve('/srv/carnet/read-models-node-2.sqlite'));
  });

  it('refuses a node name that would not make a plain file name', () => {
    expect(problemsOf({ CARNET_NODE_NAME: '../etc' })).toContain('CARNET_NODE_NAME must be lower-case letters, digits and dashes');
  });
});

describe('configuration of webhooks', () => {
  it('post to public addresses only unless CARNET_WEBHOOK_RECEIVERS=any, and refuse any other value', () => {
    expect(loadConfig({}).webhookReceivers).toBe('public');
    expect(loadConfig({ CARNET_WEBHOOK_RECEIVERS: 'any' }).webhookReceivers).toBe('any');
    expect(problemsOf({ CARNET_WEBHOOK_RECEIVERS: 'local' })).toContain('CARNET_WEBHOOK_RECEIVERS="local": CARNET_WEBHOOK_RECEIVERS must be public (the default) or any');
  });
});

describe('configuration of the calendar', () => {
  it('judges today in Paris unless CARNET_TIME_ZONE names another IANA zone', () => {
    expect(loadConfig({}).timeZone).toBe('Europe/Paris');
    expect(loadConfig({ CARNET_TIME_ZONE: 'America/Cayenne' }).timeZone).toBe('America/Cayenne');
  });

  it('refuses a zone Node does not know, with examples', () => {
    expect(problemsOf({ CARNET_TIME_ZONE: 'Paris' })).toContain('CARNET_TIME_ZONE="Paris": not a time zone this Node knows; give an IANA name such as Europe/Paris');
  });
});
