import { describe, expect, it } from '@jest/globals';
import { CURRENT_SCHEMA_VERSIONS } from './event-schemas.js';
import { isPersonalPath, PERSONAL_DATA, personalDataAt, personIdFromName, rewritePersonalData, withoutPersonalData } from './personal-data.js';

const signed = {
  charterId: 'charter:lfse',
  version: 1,
  organisationId: 'org:ville-de-marseille',
  signatoryPersonId: 'person:laurent-lhardit',
  signatoryCapacity: 'Adjoint au Maire',
  signedOn: '2024-09-19',
  witnesses: [
    { name: 'Benoît Payan', capacity: 'Maire de Marseille, parrain', personId: 'person:benoit-payan' },
    { name: 'Banlieues Santé', capacity: 'lauréat présent', organisationId: 'org:banlieues-sante' },
  ],
  contentHash: 'h',
};

describe('PERSONAL_DATA: the one table of personal fields', () => {
  it('says, for every event type the log holds, which of its values are a person’s', () =>
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(Object.keys(CURRENT_SCHEMA_VERSIONS).sort()));

  it('lists the names, titles and capacities of representatives, signatories, witnesses and guests, and corrected personal values', () =>
    expect(
      Object.entries(PERSONAL_DATA)
        .flatMap(([type, fields]) => fields.map((f) => `${type}.${f.path} ← ${f.personIdKey}`))
        .sort(),
    ).toEqual([
      'CharterSigned.signatoryCapacity ← signatoryPersonId',
      'CharterSigned.witnesses.*.capacity ← personId',
      'CharterSigned.witnesses.*.name ← personId',
      'MeetingHeld.attendees.*.guest.capacity ← personId',
      'RecordCorrected.correctedValue ← personId',
      'RecordCorrected.previousValue ← personId',
      'RepresentativeDesignated.personName ← personId',
      'RepresentativeDesignated.title ← personId',
    ]));
});

describe('rewritePersonalData', () => {
  it('hands over each personal value present with its person, and leaves everything else and the input untouched', () => {
    const seen: string[] = [];
    const rewritten = rewritePersonalData('CharterSigned', signed, ({ value, personId }) => {
      seen.push(`${String(value)} / ${personId ?? '—'}`);
      return `<${personId ?? 'nobody'}>`;
    });
    expect(seen).toEqual(['Adjoint au Maire / person:laurent-lhardit', 'Benoît Payan / person:benoit-payan', 'Banlieues Santé / —', 'Maire de Marseille, parrain / person:benoit-payan', 'lauréat présent / —']);
    expect(rewritten).toEqual({
      ...signed,
      signatoryCapacity: '<person:laurent-lhardit>',
      witnesses: [
        { name: '<person:benoit-payan>', capacity: '<person:benoit-payan>', personId: 'person:benoit-payan' },
        { name: '<nobody>', capacity: '<nobody>', organisationId: 'org:banlieues-sante' },
      ],
    });
    expect(signed.witnesses[0]!.name).toBe('Benoît Payan');
  });

  it('an event type with no personal field, or an unknown one, comes back as it was', () => {
    const data = { organisationId: 'org:x', joinedOn: '2025' };
    expect(rewritePersonalData('MemberJoined', data, () => 'changed')).toEqual(data);
    expect(rewritePersonalData('SomethingNew', data, () => 'changed')).toEqual(data);
  });
});

describe('withoutPersonalData: what a read model may keep', () => {
  it('drops a person’s values, keeps their ids and what belongs to organisations', () =>
    expect(withoutPersonalData('CharterSigned', signed)).toEqual({
      ...(({ signatoryCapacity: _c, ...rest }) => rest)(signed),
      witnesses: [{ personId: 'person:benoit-payan' }, { name: 'Banlieues Santé', capacity: 'lauréat présent', organisationId: 'org:banlieues-sante' }],
    }));

  it('a guest who is a person loses their capacity; an organisation’s team keeps it', () =>
    expect(
      withoutPersonalData('MeetingHeld', {
        meetingId: 'm',
        attendees: [{ seatId: 'seat:1' }, { guest: { personId: 'person:elue', capacity: 'adjointe' } }, { guest: { organisationId: 'org:appui', capacity: 'coordination' } }],
      }),
    ).toEqual({ meetingId: 'm', attendees: [{ seatId: 'seat:1' }, { guest: { personId: 'person:elue' } }, { guest: { organisationId: 'org:appui', capacity: 'coordination' } }] }));
});

describe('personalDataAt: what a correction’s field path holds', () => {
  const designated = { organisationId: 'org:x', personId: 'person:marianne-morini', personName: 'Marianne Morini', title: 'Responsable' };

  it('one person’s value: their id', () => {
    expect(personalDataAt('RepresentativeDesignated', designated, 'personName')).toEqual({ personId: 'person:marianne-morini' });
    expect(personalDataAt('CharterSigned', signed, 'witnesses.0.capacity')).toEqual({ personId: 'person:benoit-payan' });
  });

  it('an object or array enclosing personal values', () => {
    expect(personalDataAt('CharterSigned', signed, 'witnesses')).toBe('containsPersonalData');
    expect(personalDataAt('CharterSigned', signed, 'witnesses.0')).toBe('containsPersonalData');
  });

  it('nothing personal: another field, or an organisation’s value', () => {
    expect(personalDataAt('RepresentativeDesignated', designated, 'from')).toBeUndefined();
    expect(personalDataAt('CharterSigned', signed, 'witnesses.1.name')).toBeUndefined();
    expect(personalDataAt('MemberJoined', { joinedOn: '2025' }, 'joinedOn')).toBeUndefined();
  });
});

describe('isPersonalPath: whether a correction touches personal data, from the path alone', () => {
  it.each([
    ['RepresentativeDesignated', 'personName', true],
    ['RepresentativeDesignated', 'title', true],
    ['RepresentativeDesignated', 'from', false],
    ['CharterSigned', 'witnesses.2.name', true],
    ['CharterSigned', 'witnesses', true],
    ['MeetingHeld', 'attendees.0.guest', true],
    ['MeetingHeld', 'heldOn', false],
    ['CharterDraftStarted', 'title', false],
  ])('%s.%s → %p', (type, path, personal) => expect(isPersonalPath(type, path)).toBe(personal));
});

describe('personIdFromName', () => {
  it.each([
    ['Benoît Payan', 'person:benoit-payan'],
    ['François  Hollande', 'person:francois-hollande'],
    ['Représentant·e France Active PACA', 'person:representant-e-france-active-paca'],
    ['  ', 'person:anonyme'],
  ])('%p → %p', (name, id) => expect(personIdFromName(name)).toBe(id));
});
