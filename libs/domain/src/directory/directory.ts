import type { PartialDate } from '../shared/business-date.js';
import { normaliseName } from '../shared/text.js';
import type { OrganisationKind } from '../registry/organisation-kind.js';
import type { TerritoryKind } from '../registry/territory-kind.js';
import type { ProgrammePolicies } from '../registry/events/programme-launched.event.js';

export interface OrganisationEntry {
  readonly organisationId: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: OrganisationKind;
  readonly parentOrganisationId?: string;
  readonly networkMemberships: readonly string[];
}

export interface TerritoryEntry {
  readonly territoryId: string;
  readonly name: string;
  readonly kind: TerritoryKind;
  readonly parentTerritoryIds: readonly string[];
}

export interface ProgrammeEntry {
  readonly programmeId: string;
  readonly name: string;
  readonly ownerOrganisationIds: readonly string[];
  readonly period: { readonly from: PartialDate; readonly to?: PartialDate };
  readonly policies: ProgrammePolicies;
}

export interface CooperationEntry {
  readonly cooperationId: string;
  readonly name: string;
  readonly territoryIds: readonly string[];
  readonly programmeId?: string;
  readonly closed: boolean;
}

/**
 * What a decision may know beyond its own stream: the shared registries and the index of cooperations.
 * Registry references are checked against this view (domain.md §8.1), kept current by the shell.
 */
export interface Directory {
  organisation(id: string): OrganisationEntry | undefined;
  territory(id: string): TerritoryEntry | undefined;
  programme(id: string): ProgrammeEntry | undefined;
  cooperation(id: string): CooperationEntry | undefined;
  organisations(): Iterable<OrganisationEntry>;
  territories(): Iterable<TerritoryEntry>;
  programmes(): Iterable<ProgrammeEntry>;
  cooperations(): Iterable<CooperationEntry>;
  /** The organisations whose name or alias normalises like `name`, in order of registration (homonyms of other kinds may share it). */
  findOrganisationsByName(name: string): OrganisationEntry[];
  /** A territory and every territory above it. */
  territoryWithAncestors(id: string): Set<string>;
}

export const STREAM_PREFIX = {
  organisation: 'organisation-',
  territory: 'territory-',
  programme: 'programme-',
  cooperation: 'cooperation-',
} as const;

export const organisationStream = (id: string): string => `${STREAM_PREFIX.organisation}${id}`;
export const territoryStream = (id: string): string => `${STREAM_PREFIX.territory}${id}`;
export const programmeStream = (id: string): string => `${STREAM_PREFIX.programme}${id}`;
export const cooperationStream = (id: string): string => `${STREAM_PREFIX.cooperation}${id}`;
export const cooperationIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(STREAM_PREFIX.cooperation) ? streamId.slice(STREAM_PREFIX.cooperation.length) : undefined;

/** In-memory directory folded from recorded events; `apply` ignores the events it does not index. */
export class InMemoryDirectory implements Directory {
  private readonly organisationsById = new Map<string, OrganisationEntry>();
  private readonly organisationsByName = new Map<string, string[]>();
  private readonly territoriesById = new Map<string, TerritoryEntry>();
  private readonly programmesById = new Map<string, ProgrammeEntry>();
  private readonly cooperationsById = new Map<string, CooperationEntry>();

  apply(event: { readonly streamId: string; readonly type: string; readonly data: unknown }): void {
    const data = event.data as Record<string, never>;
    switch (event.type) {
      case 'OrganisationRegistered': {
        const entry = data as unknown as OrganisationEntry;
        this.organisationsById.set(entry.organisationId, entry);
        for (const key of new Set([entry.name, ...entry.aliases].map(normaliseName))) {
          this.organisationsByName.set(key, [...(this.organisationsByName.get(key) ?? []), entry.organisationId]);
        }
        return;
      }
      case 'TerritoryDefined': {
        const entry = data as unknown as TerritoryEntry;
        this.territoriesById.set(entry.territoryId, entry);
        return;
      }
      case 'ProgrammeLaunched': {
        const entry = data as unknown as ProgrammeEntry;
        this.programmesById.set(entry.programmeId, entry);
        return;
      }
      case 'CooperationProposed': {
        const entry = data as unknown as Omit<CooperationEntry, 'closed'>;
        this.cooperationsById.set(entry.cooperationId, {
          cooperationId: entry.cooperationId,
          name: entry.name,
          territoryIds: entry.territoryIds,
          ...(entry.programmeId ? { programmeId: entry.programmeId } : {}),
          closed: false,
        });
        return;
      }
      case 'CooperationClosed': {
        const id = cooperationIdOfStream(event.streamId);
        const entry = id ? this.cooperationsById.get(id) : undefined;
        if (entry) this.cooperationsById.set(entry.cooperationId, { ...entry, closed: true });
        return;
      }
      default:
        return;
    }
  }

  organisation(id: string) {
    return this.organisationsById.get(id);
  }
  territory(id: string) {
    return this.territoriesById.get(id);
  }
  programme(id: string) {
    return this.programmesById.get(id);
  }
  cooperation(id: string) {
    return this.cooperationsById.get(id);
  }
  organisations() {
    return this.organisationsById.values();
  }
  territories() {
    return this.territoriesById.values();
  }
  programmes() {
    return this.programmesById.values();
  }
  cooperations() {
    return this.cooperationsById.values();
  }

  findOrganisationsByName(name: string): OrganisationEntry[] {
    return (this.organisationsByName.get(normaliseName(name)) ?? []).map((id) => this.organisationsById.get(id)!);
  }

  territoryWithAncestors(id: string): Set<string> {
    const seen = new Set<string>();
    const pending = [id];
    while (pending.length) {
      const current = pending.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      pending.push(...(this.territoriesById.get(current)?.parentTerritoryIds ?? []));
    }
    return seen;
  }
}
