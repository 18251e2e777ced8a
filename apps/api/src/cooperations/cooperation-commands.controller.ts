import { Body, Controller, HttpCode, Param, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { cooperationStream, type CooperationCommand } from '#domain';
import { CooperationAccessGuard } from '../auth/cooperation-access.js';
import { CommandSender, type SentCommand } from '../commands/command-sender.service.js';
import { RequestCommandContext, type CommandContext } from '../http/command-context.js';
import type { CommandBodyDto } from '../http/dto-fields.js';
import { EtagInterceptor } from '../http/etag.interceptor.js';
import { AdoptCharterAmendmentDto, AdoptCharterDto, ProposeCharterAmendmentDto, ReviseCharterDraftDto, SignCharterDto, StartCharterDraftDto, WithdrawSignatureDto } from './dto/charter.dto.js';
import {
  AllocateCoFundingDto,
  MarkCommitmentFulfilledDto,
  PledgeCommitmentDto,
  RecordDisbursementDto,
  RecordSupportDecisionDto,
  ReviseCommitmentDto,
  WithdrawCommitmentDto,
} from './dto/commitment.dto.js';
import { CorrectRecordDto } from './dto/correction.dto.js';
import { CompleteTerritorialDiagnosticDto, StartTerritorialDiagnosticDto } from './dto/diagnostic.dto.js';
import { AssignInstanceSeatDto, CreateGovernanceInstanceDto, VacateInstanceSeatDto } from './dto/governance.dto.js';
import { ChangeCooperationPhaseDto, CloseCooperationDto, StartCooperationDto } from './dto/lifecycle.dto.js';
import {
  AdmitMemberDto,
  AssignRoleDto,
  DesignateRepresentativeDto,
  EstablishResidentParticipationDto,
  HandOverRoleDto,
  RecordMemberDepartureDto,
  RelinquishRoleDto,
} from './dto/membership.dto.js';
import { ProposeCooperationDto } from './dto/propose-cooperation.dto.js';
import { CancelMeetingDto, DissolveGovernanceInstanceDto, RecordDecisionDto, RecordMeetingHeldDto, RequestMeetingConveningDto, ScheduleMeetingDto } from './dto/meeting.dto.js';
import { AgreeIndicatorsDto, CompleteActionDto, LaunchActionDto, PlanMilestoneDto, RecordEvaluationDto, RecordMilestoneReachedDto } from './dto/action.dto.js';

export interface CooperationCommandResponse {
  readonly cooperationId: string;
  readonly revision: number;
  readonly events: SentCommand['events'];
  readonly ids?: Readonly<Record<string, string>>;
  readonly warnings?: readonly { code: string }[];
  readonly replayed?: true;
}

/** Policies that were not met but only warn, as the events recorded them (a start without a charter, a milestone beyond the programme). */
const warningsOf = (recorded: SentCommand['recorded']): { code: string }[] =>
  recorded.flatMap((e) => ((e.data as { warnings?: { code: string }[] }).warnings ?? []));

const answer = (cooperationId: string, sent: SentCommand): CooperationCommandResponse => {
  const warnings = warningsOf(sent.recorded);
  const ids = Object.fromEntries(Object.entries(sent.ids).filter(([field]) => field !== 'cooperationId'));
  return {
    cooperationId,
    revision: sent.revision,
    events: sent.events,
    ...(Object.keys(ids).length ? { ids } : {}),
    ...(warnings.length ? { warnings } : {}),
    ...(sent.replayed ? { replayed: true as const } : {}),
  };
};

/** One route per task-based command (api.md); each method is one line. */
@ApiTags('cooperations')
@Controller('cooperations')
@UseInterceptors(EtagInterceptor)
@UseGuards(CooperationAccessGuard)
export class CooperationCommandsController {
  constructor(private readonly sender: CommandSender) {}

  private async run(id: string, type: CooperationCommand['type'], body: CommandBodyDto, context: CommandContext) {
    return answer(id, await this.sender.send({ aggregate: 'cooperation', streamOf: () => cooperationStream(id) }, type, body, context));
  }

  @Post() @ApiOperation({ summary: 'ProposeCooperation' })
  async propose(@Body() dto: ProposeCooperationDto, @RequestCommandContext() ctx: CommandContext) {
    const sent = await this.sender.send({ aggregate: 'cooperation', streamOf: (d) => cooperationStream(d.cooperationId as string) }, 'ProposeCooperation', dto, ctx);
    return answer(sent.ids.cooperationId!, sent);
  }

  @Post(':id/start-territorial-diagnostic') @HttpCode(200) @ApiOperation({ summary: 'StartTerritorialDiagnostic' })
  startDiagnostic(@Param('id') id: string, @Body() dto: StartTerritorialDiagnosticDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'StartTerritorialDiagnostic', dto, ctx); }

  @Post(':id/complete-territorial-diagnostic') @HttpCode(200) @ApiOperation({ summary: 'CompleteTerritorialDiagnostic' })
  completeDiagnostic(@Param('id') id: string, @Body() dto: CompleteTerritorialDiagnosticDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CompleteTerritorialDiagnostic', dto, ctx); }

  @Post(':id/change-phase') @HttpCode(200) @ApiOperation({ summary: 'ChangeCooperationPhase' })
  changePhase(@Param('id') id: string, @Body() dto: ChangeCooperationPhaseDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'ChangeCooperationPhase', dto, ctx); }

  @Post(':id/start') @HttpCode(200) @ApiOperation({ summary: 'StartCooperation' })
  start(@Param('id') id: string, @Body() dto: StartCooperationDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'StartCooperation', dto, ctx); }

  @Post(':id/close') @HttpCode(200) @ApiOperation({ summary: 'CloseCooperation' })
  close(@Param('id') id: string, @Body() dto: CloseCooperationDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CloseCooperation', dto, ctx); }

  @Post(':id/admit-member') @HttpCode(200) @ApiOperation({ summary: 'AdmitMember' })
  admitMember(@Param('id') id: string, @Body() dto: AdmitMemberDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AdmitMember', dto, ctx); }

  @Post(':id/record-member-departure') @HttpCode(200) @ApiOperation({ summary: 'RecordMemberDeparture' })
  recordDeparture(@Param('id') id: string, @Body() dto: RecordMemberDepartureDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordMemberDeparture', dto, ctx); }

  @Post(':id/assign-role') @HttpCode(200) @ApiOperation({ summary: 'AssignRole' })
  assignRole(@Param('id') id: string, @Body() dto: AssignRoleDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AssignRole', dto, ctx); }

  @Post(':id/relinquish-role') @HttpCode(200) @ApiOperation({ summary: 'RelinquishRole' })
  relinquishRole(@Param('id') id: string, @Body() dto: RelinquishRoleDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RelinquishRole', dto, ctx); }

  @Post(':id/hand-over-role') @HttpCode(200) @ApiOperation({ summary: 'HandOverRole' })
  handOverRole(@Param('id') id: string, @Body() dto: HandOverRoleDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'HandOverRole', dto, ctx); }

  @Post(':id/designate-representative') @HttpCode(200) @ApiOperation({ summary: 'DesignateRepresentative' })
  designateRepresentative(@Param('id') id: string, @Body() dto: DesignateRepresentativeDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'DesignateRepresentative', dto, ctx); }

  @Post(':id/establish-resident-participation') @HttpCode(200) @ApiOperation({ summary: 'EstablishResidentParticipation' })
  establishResidentParticipation(@Param('id') id: string, @Body() dto: EstablishResidentParticipationDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'EstablishResidentParticipation', dto, ctx); }

  @Post(':id/start-charter-draft') @HttpCode(200) @ApiOperation({ summary: 'StartCharterDraft' })
  startCharterDraft(@Param('id') id: string, @Body() dto: StartCharterDraftDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'StartCharterDraft', dto, ctx); }

  @Post(':id/revise-charter-draft') @HttpCode(200) @ApiOperation({ summary: 'ReviseCharterDraft' })
  reviseCharterDraft(@Param('id') id: string, @Body() dto: ReviseCharterDraftDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'ReviseCharterDraft', dto, ctx); }

  @Post(':id/adopt-charter') @HttpCode(200) @ApiOperation({ summary: 'AdoptCharter' })
  adoptCharter(@Param('id') id: string, @Body() dto: AdoptCharterDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AdoptCharter', dto, ctx); }

  @Post(':id/sign-charter') @HttpCode(200)
  @ApiOperation({ summary: 'SignCharter', description: 'An organisation that withdrew its signature (E26) signs again, not dated before that withdrawal: 422 SignedBeforeWithdrawal.' })
  signCharter(@Param('id') id: string, @Body() dto: SignCharterDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'SignCharter', dto, ctx); }

  @Post(':id/withdraw-signature') @HttpCode(200)
  @ApiOperation({
    summary: 'WithdrawSignature',
    description:
      'E26: the organisation takes back its signature of a charter version not yet in force; the version awaits it again. ' +
      '422 SignatureNotFound, SignatureAlreadyWithdrawn, SignedVersionInForce (a version in force stays so), WithdrawnBeforeSigning. ' +
      'Only the organisation itself may (403 ActingForAnotherOrganisation). A member leaving withdraws its signatures of such versions too.',
  })
  withdrawSignature(@Param('id') id: string, @Body() dto: WithdrawSignatureDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'WithdrawSignature', dto, ctx); }

  @Post(':id/propose-charter-amendment') @HttpCode(200) @ApiOperation({ summary: 'ProposeCharterAmendment' })
  proposeAmendment(@Param('id') id: string, @Body() dto: ProposeCharterAmendmentDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'ProposeCharterAmendment', dto, ctx); }

  @Post(':id/adopt-charter-amendment') @HttpCode(200) @ApiOperation({ summary: 'AdoptCharterAmendment' })
  adoptAmendment(@Param('id') id: string, @Body() dto: AdoptCharterAmendmentDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AdoptCharterAmendment', dto, ctx); }

  @Post(':id/create-governance-instance') @HttpCode(200) @ApiOperation({ summary: 'CreateGovernanceInstance' })
  createInstance(@Param('id') id: string, @Body() dto: CreateGovernanceInstanceDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CreateGovernanceInstance', dto, ctx); }

  @Post(':id/assign-instance-seat') @HttpCode(200) @ApiOperation({ summary: 'AssignInstanceSeat' })
  assignSeat(@Param('id') id: string, @Body() dto: AssignInstanceSeatDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AssignInstanceSeat', dto, ctx); }

  @Post(':id/vacate-instance-seat') @HttpCode(200) @ApiOperation({ summary: 'VacateInstanceSeat' })
  vacateSeat(@Param('id') id: string, @Body() dto: VacateInstanceSeatDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'VacateInstanceSeat', dto, ctx); }

  @Post(':id/record-support-decision') @HttpCode(200) @ApiOperation({ summary: 'RecordSupportDecision' })
  recordSupportDecision(@Param('id') id: string, @Body() dto: RecordSupportDecisionDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordSupportDecision', dto, ctx); }

  @Post(':id/pledge-commitment') @HttpCode(200) @ApiOperation({ summary: 'PledgeCommitment' })
  pledge(@Param('id') id: string, @Body() dto: PledgeCommitmentDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'PledgeCommitment', dto, ctx); }

  @Post(':id/withdraw-commitment') @HttpCode(200) @ApiOperation({ summary: 'WithdrawCommitment' })
  withdraw(@Param('id') id: string, @Body() dto: WithdrawCommitmentDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'WithdrawCommitment', dto, ctx); }

  @Post(':id/revise-commitment') @HttpCode(200) @ApiOperation({ summary: 'ReviseCommitment' })
  revise(@Param('id') id: string, @Body() dto: ReviseCommitmentDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'ReviseCommitment', dto, ctx); }

  @Post(':id/record-disbursement') @HttpCode(200) @ApiOperation({ summary: 'RecordDisbursement' })
  disburse(@Param('id') id: string, @Body() dto: RecordDisbursementDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordDisbursement', dto, ctx); }

  @Post(':id/mark-commitment-fulfilled') @HttpCode(200) @ApiOperation({ summary: 'MarkCommitmentFulfilled' })
  fulfil(@Param('id') id: string, @Body() dto: MarkCommitmentFulfilledDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'MarkCommitmentFulfilled', dto, ctx); }

  @Post(':id/allocate-co-funding') @HttpCode(200) @ApiOperation({ summary: 'AllocateCoFunding' })
  allocateCoFunding(@Param('id') id: string, @Body() dto: AllocateCoFundingDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AllocateCoFunding', dto, ctx); }

  @Post(':id/request-meeting-convening') @HttpCode(200) @ApiOperation({ summary: 'RequestMeetingConvening' })
  requestConvening(@Param('id') id: string, @Body() dto: RequestMeetingConveningDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RequestMeetingConvening', dto, ctx); }

  @Post(':id/schedule-meeting') @HttpCode(200) @ApiOperation({ summary: 'ScheduleMeeting' })
  scheduleMeeting(@Param('id') id: string, @Body() dto: ScheduleMeetingDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'ScheduleMeeting', dto, ctx); }

  @Post(':id/record-meeting-held') @HttpCode(200) @ApiOperation({ summary: 'RecordMeetingHeld' })
  recordMeetingHeld(@Param('id') id: string, @Body() dto: RecordMeetingHeldDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordMeetingHeld', dto, ctx); }

  @Post(':id/cancel-meeting') @HttpCode(200) @ApiOperation({ summary: 'CancelMeeting' })
  cancelMeeting(@Param('id') id: string, @Body() dto: CancelMeetingDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CancelMeeting', dto, ctx); }

  @Post(':id/record-decision') @HttpCode(200) @ApiOperation({ summary: 'RecordDecision' })
  recordDecision(@Param('id') id: string, @Body() dto: RecordDecisionDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordDecision', dto, ctx); }

  @Post(':id/dissolve-governance-instance') @HttpCode(200) @ApiOperation({ summary: 'DissolveGovernanceInstance' })
  dissolveInstance(@Param('id') id: string, @Body() dto: DissolveGovernanceInstanceDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'DissolveGovernanceInstance', dto, ctx); }

  @Post(':id/launch-action') @HttpCode(200) @ApiOperation({ summary: 'LaunchAction' })
  launchAction(@Param('id') id: string, @Body() dto: LaunchActionDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'LaunchAction', dto, ctx); }

  @Post(':id/complete-action') @HttpCode(200) @ApiOperation({ summary: 'CompleteAction' })
  completeAction(@Param('id') id: string, @Body() dto: CompleteActionDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CompleteAction', dto, ctx); }

  @Post(':id/plan-milestone') @HttpCode(200) @ApiOperation({ summary: 'PlanMilestone' })
  planMilestone(@Param('id') id: string, @Body() dto: PlanMilestoneDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'PlanMilestone', dto, ctx); }

  @Post(':id/record-milestone-reached') @HttpCode(200) @ApiOperation({ summary: 'RecordMilestoneReached' })
  recordMilestoneReached(@Param('id') id: string, @Body() dto: RecordMilestoneReachedDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordMilestoneReached', dto, ctx); }

  @Post(':id/agree-indicators') @HttpCode(200) @ApiOperation({ summary: 'AgreeIndicators' })
  agreeIndicators(@Param('id') id: string, @Body() dto: AgreeIndicatorsDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'AgreeIndicators', dto, ctx); }

  @Post(':id/record-evaluation') @HttpCode(200) @ApiOperation({ summary: 'RecordEvaluation' })
  recordEvaluation(@Param('id') id: string, @Body() dto: RecordEvaluationDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'RecordEvaluation', dto, ctx); }

  @Post(':id/correct-record') @HttpCode(200) @ApiOperation({ summary: 'CorrectRecord (E50): set a field of an earlier event right, stating the value it replaces and why; the event itself stays as recorded' })
  correctRecord(@Param('id') id: string, @Body() dto: CorrectRecordDto, @RequestCommandContext() ctx: CommandContext) { return this.run(id, 'CorrectRecord', dto, ctx); }
}
