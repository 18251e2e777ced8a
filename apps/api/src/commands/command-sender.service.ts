import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, businessDate, type BusinessDate, type CooperationCommand, type RegistryCommand } from '#domain';
import { commandIdFromIdempotencyKey, derivedEntityId, newCommandId, type Provenance } from '#event-store';
import type { CommandContext } from '../http/command-context.js';
import type { BusinessDateDto, CommandBodyDto } from '../http/dto-fields.js';
import { BusinessCalendar } from '../config/business-calendar.js';
import { COMMAND_HASH_KEY, commandHashOf } from './command-hash.js';
import { DomainCommandMessage, type DomainCommandOutcome } from './domain-command.message.js';

/** Ids the server makes up when the client leaves them out, derived from the command id so retries agree. */
const GENERATED_IDS: Readonly<Partial<Record<CooperationCommand['type'] | RegistryCommand['type'], readonly string[]>>> = {
  ProposeCooperation: ['cooperationId'],
  StartTerritorialDiagnostic: ['diagnosticId'],
  AssignRole: ['assignmentId'],
  HandOverRole: ['newAssignmentId'],
  StartCharterDraft: ['charterId'],
  ProposeCharterAmendment: ['amendmentId'],
  CreateGovernanceInstance: ['instanceId'],
  AssignInstanceSeat: ['seatId'],
  RecordSupportDecision: ['supportDecisionId'],
  PledgeCommitment: ['commitmentId'],
  RecordDisbursement: ['disbursementId'],
  AllocateCoFunding: ['allocationId'],
  RequestMeetingConvening: ['requestId'],
  ScheduleMeeting: ['meetingId'],
  RecordDecision: ['decisionId'],
  LaunchAction: ['actionId'],
  PlanMilestone: ['milestoneId'],
  RecordMilestoneReached: ['milestoneId'],
  AgreeIndicators: ['indicatorSetId'],
  RecordEvaluation: ['evaluationId'],
  RegisterOrganisation: ['organisationId'],
  DefineTerritory: ['territoryId'],
  LaunchProgramme: ['programmeId'],
};

/** Fields a command needs that the body may leave implicit. */
const DEFAULTS: Readonly<Partial<Record<CooperationCommand['type'], Record<string, unknown>>>> = {
  DesignateRepresentative: { scope: 'cooperation' },
};

const toBusinessDate = (dto: BusinessDateDto): BusinessDate =>
  businessDate(dto.date, { ...(dto.to ? { to: dto.to } : {}), ...(dto.approximate ? { approximate: true } : {}) });

export interface SentCommand extends DomainCommandOutcome {
  /** Ids the command refers to (those generated included). */
  readonly ids: Readonly<Record<string, string>>;
}

/** Builds the domain command from a validated body and its request, and sends it on the CommandBus. */
@Injectable()
export class CommandSender {
  constructor(
    private readonly bus: CommandBus,
    @Inject(COMMAND_HASH_KEY) private readonly hashKey: Buffer,
    private readonly calendar: BusinessCalendar,
  ) {}

  async send<T extends CooperationCommand['type'] | RegistryCommand['type']>(
    target: { aggregate: 'cooperation'; streamOf: (data: Record<string, unknown>) => string } | { aggregate: 'registry'; streamOf: (data: Record<string, unknown>) => string },
    type: T,
    body: CommandBodyDto,
    context: CommandContext,
  ): Promise<SentCommand> {
    const commandId = context.idempotencyKey ? commandIdFromIdempotencyKey(context.route, context.idempotencyKey) : newCommandId();
    const { occurredAt, source, visibility, ...fields } = JSON.parse(JSON.stringify(body.toCommandData())) as CommandBodyDto & Record<string, unknown>;
    const data: Record<string, unknown> = { ...DEFAULTS[type as CooperationCommand['type']], ...fields };
    const ids: Record<string, string> = {};
    const generatedIds: string[] = [];
    for (const field of GENERATED_IDS[type] ?? []) {
      if (data[field] === undefined) {
        data[field] = derivedEntityId(commandId, field);
        generatedIds.push(field);
      }
      ids[field] = data[field] as string;
    }
    const command = {
      type,
      data,
      metadata: {
        now: context.now,
        today: this.calendar.dayOf(context.now),
        actor: actorOf(context.principal),
        ...(occurredAt ? { occurredAt: toBusinessDate(occurredAt) } : {}),
        ...(source ? { historical: true } : {}),
        ...(generatedIds.length ? { generatedIds } : {}),
      },
    };
    const message = {
      streamId: target.streamOf(data),
      command,
      commandId,
      ...(context.expectedRevision !== undefined ? { expectedRevision: context.expectedRevision } : {}),
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
      commandHash: commandHashOf(this.hashKey, context.route, type, body),
      ...(source ? { source: source as Provenance } : {}),
      ...(visibility ? { visibility } : {}),
    };
    const outcome = await this.bus.execute(new DomainCommandMessage({ aggregate: target.aggregate, message, principal: context.principal } as never));
    // A made-up id may have given way to an entity the decider found otherwise (E46: by label): answer what was recorded.
    for (const field of generatedIds) {
      const recorded = outcome.recorded.map((event) => (event.data as Record<string, unknown>)[field]).find((value) => typeof value === 'string');
      if (recorded) ids[field] = recorded as string;
    }
    return { ...outcome, ids };
  }
}
