import { Inject, Injectable } from '@nestjs/common';
import { calendarDay } from '#domain';
import { CARNET_CONFIG, type CarnetConfig } from './env.js';

/**
 * What "today" means for the cooperations' facts: the calendar day in CARNET_TIME_ZONE (Europe/Paris by default).
 * The UTC day would refuse a meeting held today as in the future between midnight and 01:00 or 02:00 in France.
 */
@Injectable()
export class BusinessCalendar {
  constructor(@Inject(CARNET_CONFIG) private readonly config: CarnetConfig) {}

  /** The day an instant (ISO date-time) falls on where the cooperations are. */
  dayOf(instantIso: string): string {
    return calendarDay(instantIso, this.config.timeZone);
  }

  today(): string {
    return this.dayOf(new Date().toISOString());
  }
}
