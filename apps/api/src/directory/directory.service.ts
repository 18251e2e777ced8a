import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InMemoryDirectory, type Directory } from '#domain';
import { EVENT_STORE, type EventStore, type Position } from '#event-store';

/**
 * The event types `InMemoryDirectory.apply` indexes; it ignores every other one (directory.service.spec.ts checks the
 * two agree). The directory reads only these from the log: at boot it skips the millions of other events instead
 * of reading and parsing each of them.
 */
export const DIRECTORY_EVENT_TYPES: readonly string[] = ['OrganisationRegistered', 'TerritoryDefined', 'ProgrammeLaunched', 'CooperationProposed', 'CooperationClosed'];

const PAGE = 1000;

/**
 * The registries and cooperation index that decisions consult, folded from the log. Each command first
 * catches up with the store, so a decision always sees what any node appended before it.
 */
@Injectable()
export class DirectoryService implements OnModuleInit {
  private readonly directory = new InMemoryDirectory();
  /** The last directory event applied: the next read starts after it. */
  private position: Position | undefined;
  private catchingUp: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onModuleInit(): Promise<void> {
    await this.current();
  }

  async current(): Promise<Directory> {
    // One catch-up at a time; callers arriving meanwhile wait for it, then make sure nothing was missed.
    while (this.catchingUp) await this.catchingUp;
    this.catchingUp = this.catchUp().finally(() => {
      this.catchingUp = undefined;
    });
    await this.catchingUp;
    return this.directory;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.store.readAll({ ...(this.position !== undefined ? { after: this.position } : {}), maxCount: PAGE, types: DIRECTORY_EVENT_TYPES });
      for (const event of batch) {
        this.directory.apply(event);
        this.position = event.position;
      }
      if (batch.length < PAGE) return;
    }
  }
}
