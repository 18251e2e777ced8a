import { Inject, Injectable } from '@nestjs/common';
import { getAlerts, type Alert, type Lang, ReadModelsConnection } from '#projections';
import { BusinessCalendar } from '../config/business-calendar.js';
import { DirectoryService } from '../directory/directory.service.js';
import { READ_MODELS } from '../projections/projections.module.js';

/** The §8.9 alerts as of today (the day in CARNET_TIME_ZONE), with organisations named from the registry. */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModelsConnection,
    private readonly directory: DirectoryService,
    private readonly calendar: BusinessCalendar,
  ) {}

  async current(lang: Lang, cooperationId?: string): Promise<Alert[]> {
    const directory = await this.directory.current();
    return getAlerts(this.readModels.db, {
      today: this.calendar.today(),
      lang,
      ...(cooperationId ? { cooperationId } : {}),
      nameOf: (organisationId) => directory.organisation(organisationId)?.name ?? organisationId,
    });
  }
}
