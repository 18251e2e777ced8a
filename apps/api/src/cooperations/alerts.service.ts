import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { getAlerts, type Alert, type Lang } from '#projections';
import { DirectoryService } from '../directory/directory.service.js';
import { READ_MODELS } from '../projections/projections.module.js';

/** The §8.9 alerts as of today (the server's calendar day), with organisations named from the registry. */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: Database.Database,
    private readonly directory: DirectoryService,
  ) {}

  async current(lang: Lang, cooperationId?: string): Promise<Alert[]> {
    const directory = await this.directory.current();
    return getAlerts(this.readModels, {
      today: new Date().toISOString().slice(0, 10),
      lang,
      ...(cooperationId ? { cooperationId } : {}),
      nameOf: (organisationId) => directory.organisation(organisationId)?.name ?? organisationId,
    });
  }
}
