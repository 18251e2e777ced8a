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
  /**
   * Rules that look across streams (unique names: the registries', and a proposed cooperation's among the cooperations
   * on its territories) decide one at a time in this process: two at once would each find the name free.
   */
  private crossStreamQueue: Promise<unknown> = Promise.resolve();

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
      const handle = () =>
        handleCommand(this.store, cooperationDecider, payload.message, {
          ...options,
          authorize: (command, state) => authorizeCooperationCommand(principal, command, state, cooperationId),
          // The state folded by the previous command or read: only the events since are read and folded.
          cache: this.cooperations,
        });
      return payload.message.command.type === 'ProposeCooperation' ? this.oneAtATime(handle) : handle();
    }
    const authorize = (command: RegistryCommand) => authorizeRegistryCommand(principal, command);
    return this.oneAtATime(() => handleCommand(this.store, registryDecider, payload.message, { ...options, authorize }));
  }

  private oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = this.crossStreamQueue.then(task);
    this.crossStreamQueue = run.catch(() => undefined);
    return run;
  }
}
