import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#domain';
import { getCooperations, getPendingSignatures, getRecentActivity, ProjectionRunner, ReadModelsConnection } from '#projections';
import { readableCooperations, readableRows } from '../auth/cooperation-access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { BusinessCalendar } from '../config/business-calendar.js';
import { langOf } from '../http/lang.js';
import { READ_MODELS } from '../projections/projections.module.js';
import { AlertsService } from './alerts.service.js';

/** The figures of the home dashboard (api.md `GET /dashboard`). */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly projections: ProjectionRunner,
    @Inject(READ_MODELS) private readonly readModels: ReadModelsConnection,
    private readonly alerts: AlertsService,
    private readonly calendar: BusinessCalendar,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cooperations by phase and by territory, signatures pending, recent activity, alerts' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async figures(@CurrentPrincipal() principal: Principal, @Query('lang') lang?: string) {
    const language = langOf(lang);
    await this.projections.waitUntilCaughtUp();
    // A member's dashboard counts only its own cooperations.
    const shown = readableRows(principal);
    const cooperations = shown(getCooperations(this.readModels.db));
    const byPhase: Record<string, number> = {};
    const byTerritory = new Map<string, { territoryId: string; name: string; cooperations: number }>();
    for (const cooperation of cooperations) {
      byPhase[cooperation.phase] = (byPhase[cooperation.phase] ?? 0) + 1;
      for (const territory of cooperation.territories) {
        const entry = byTerritory.get(territory.territoryId) ?? { ...territory, cooperations: 0 };
        byTerritory.set(territory.territoryId, { ...entry, cooperations: entry.cooperations + 1 });
      }
    }
    const pending = shown(getPendingSignatures(this.readModels.db));
    return {
      cooperations: cooperations.length,
      cooperationsByPhase: byPhase,
      cooperationsByTerritory: [...byTerritory.values()].sort((a, b) => b.cooperations - a.cooperations || a.name.localeCompare(b.name, 'fr')),
      signaturesPending: { total: pending.reduce((sum, p) => sum + p.missingOrganisationIds.length, 0), charters: pending },
      // `recordedOn`: the record day where the cooperations are, as the live feed gives it, for every item old or new.
      recentActivity: shown(getRecentActivity(this.readModels.db, language, readableCooperations(principal) ? 500 : 20))
        .slice(0, 20)
        .map((item) => ({ ...item, recordedOn: this.calendar.dayOf(item.recordedAt) })),
      alerts: shown(await this.alerts.current(language)),
    };
  }
}
