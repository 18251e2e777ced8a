import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InMemoryDirectory, type Directory } from '#domain';
import { EVENT_STORE, type EventStore, type Position } from '#event-store';

/**
 * The registries and cooperation index that decisions consult, folded from the log. Each command first
 * catches up with the store, so a decision always sees what any node appended before it.
 */
@Injectable()
export class DirectoryService implements OnModuleInit {
  private readonly directory = new InMemoryDirectory();
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
      const batch = await this.store.readAll({ ...(this.position !== undefined ? { after: this.position } : {}), maxCount: 1000 });
      for (const event of batch) {
        this.directory.apply(event);
        this.position = event.position;
      }
      if (batch.length < 1000) return;
    }
  }
}
