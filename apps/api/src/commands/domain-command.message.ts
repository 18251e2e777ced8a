import { Command } from '@nestjs/cqrs';
import type { CooperationCommand, RegistryCommand } from '#domain';
import type { CommandMessage, CommandResult } from '#event-store';

/** The one Nest command Carnet sends: a domain command for an aggregate's stream, with its metadata. */
export type DomainCommandPayload =
  | { readonly aggregate: 'cooperation'; readonly message: CommandMessage<CooperationCommand> }
  | { readonly aggregate: 'registry'; readonly message: CommandMessage<RegistryCommand> };

export type DomainCommandOutcome = CommandResult & { readonly recorded: readonly { type: string; data: object }[] };

export class DomainCommandMessage extends Command<DomainCommandOutcome> {
  constructor(readonly payload: DomainCommandPayload) {
    super();
  }
}
