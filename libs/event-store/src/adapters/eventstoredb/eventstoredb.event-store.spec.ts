import { describeEventStoreContract } from '../../contract/event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb.event-store.js';

describeEventStoreContract('eventstoredb', (options) => EventStoreDbEventStore.connect(process.env.EVENTSTORE_CONNECTION_STRING!, options), { skipUnless: 'EVENTSTORE_CONNECTION_STRING' });
