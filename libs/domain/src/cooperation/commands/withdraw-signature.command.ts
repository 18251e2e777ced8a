import type { Command } from '../../shared/decider.js';
import { isDefinitelyBefore } from '../../shared/business-date.js';
import { DomainError, ensure } from '../../shared/domain-error.js';
import { CooperationErrorCode as Code } from '../cooperation.errors.js';
import { charterVersion, type CooperationState } from '../cooperation.state.js';
import type { CharterSignatureWithdrawn } from '../events/index.js';

export type WithdrawSignature = Command<'WithdrawSignature', CharterSignatureWithdrawn['data']>;

/**
 * E26: an organisation takes back its signature of a version still awaiting others'. A version in force was entered
 * into on its signatures and stays so: an organisation that no longer subscribes to it leaves, or proposes an amendment.
 */
export const withdrawSignature = (command: WithdrawSignature, state: CooperationState): CharterSignatureWithdrawn[] => {
  const { charterId, version: number, organisationId, withdrawnOn } = command.data;
  const charter = state.charters[charterId];
  ensure(charter, Code.CharterNotFound, { charterId });
  const version = charterVersion(charter, number);
  ensure(version, Code.CharterVersionNotFound, { charterId, version: number });
  const signature = version.signatures.find((s) => s.organisationId === organisationId);
  if (!signature) {
    const withdrawn = version.withdrawals.findLast((w) => w.organisationId === organisationId);
    if (withdrawn) throw new DomainError(Code.SignatureAlreadyWithdrawn, { charterId, version: number, organisationId, withdrawnOn: withdrawn.withdrawnOn });
    throw new DomainError(Code.SignatureNotFound, { charterId, version: number, organisationId });
  }
  ensure(version.status !== 'superseded', Code.CharterVersionSuperseded, { charterId, version: number });
  ensure(version.status !== 'inForce', Code.SignedVersionInForce, { charterId, version: number, status: version.status });
  ensure(!isDefinitelyBefore(withdrawnOn, signature.signedOn), Code.WithdrawnBeforeSigning, { withdrawnOn, signedOn: signature.signedOn });
  return [{ type: 'CharterSignatureWithdrawn', data: command.data }];
};
