import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { authorizeCooperationCommand, authorizeRegistryCommand, cooperationDecider, cooperationIdOfStream, currentSchemaVersion, registryDecider, type RegistryCommand } from '#domain';
import { EVENT_STORE, handleCommand, type EventStore } from '#event-store';
import { CooperationStates } from '../cooperations/cooperation-states.js';
import { DirectoryService } from '../directory/directory.service.js';
import { DomainCommandMessage, type DomainCommandOutcome } from './domain-command.message.js';

/** The single handler: load the stream, fold, decide, append (libs/event-store handleCommand); cooperations continue from their cached state. */
@CommandHandler(DomainCommandMessage)
export class DomainCommandHandler implements ICommandHandler<DomainCommandMessage, DomainCommandOutcome> {
  // Registry rules look across streams (unique names): one registry decision at a time in this process.
  private registryQueue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: DirectoryService,
    private readonly cooperations: CooperationStates,
  ) {}

  execute({ payload }: DomainCommandMessage): Promise<DomainCommandOutcome> {
    const options = { context: () => this.directory.current(), schemaVersionOf: currentSchemaVersion };
    const { principal } = payload;
    if (payload.aggregate === 'cooperation') {
      const cooperationId = cooperationIdOfStream(payload.message.streamId)!;
      return handleCommand(this.store, cooperationDecider, payload.message, {
        ...options,
        authorize: (command, state) => authorizeCooperationCommand(principal, command, state, cooperationId),
        // The state folded by the previous command or read: only the events since are read and folded.
        cache: this.cooperations,
      });
    }
    const authorize = (command: RegistryCommand) => authorizeRegistryCommand(principal, command);
    const run = this.registryQueue.then(() => handleCommand(this.store, registryDecider, payload.message, { ...options, authorize }));
    this.registryQueue = run.catch(() => undefined);
    return run;
  }
}
