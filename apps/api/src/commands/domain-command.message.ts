import { Command } from '@nestjs/cqrs';
import type { CooperationCommand, Principal, RegistryCommand } from '#domain';
import type { CommandMessage, CommandResult } from '#event-store';

/** The one Nest command Carnet sends: a domain command for an aggregate's stream, with its metadata. */
/** The principal travels apart from the command: the access policy judges it, the events record only its actor. */
export type DomainCommandPayload =
  | { readonly aggregate: 'cooperation'; readonly message: CommandMessage<CooperationCommand>; readonly principal: Principal }
  | { readonly aggregate: 'registry'; readonly message: CommandMessage<RegistryCommand>; readonly principal: Principal };

export type DomainCommandOutcome = CommandResult & { readonly recorded: readonly { type: string; data: object }[] };

export class DomainCommandMessage extends Command<DomainCommandOutcome> {
  constructor(readonly payload: DomainCommandPayload) {
    super();
  }
}
