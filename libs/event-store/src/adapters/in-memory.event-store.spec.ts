import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { InMemoryEventStore } from './in-memory.event-store.js';

describeEventStoreContract('in-memory', (options) => new InMemoryEventStore(options), { consecutivePositions: true });
