import { Body, Controller, Get, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { organisationStream, programmeStream, territoryStream, type RegistryCommand } from '#domain';
import { CommandSender } from '../commands/command-sender.service.js';
import { DirectoryService } from '../directory/directory.service.js';
import { RequestCommandContext, type CommandContext } from '../http/command-context.js';
import { EtagInterceptor } from '../http/etag.interceptor.js';
import type { CommandBodyDto } from '../http/dto-fields.js';
import { ProblemException } from '../http/problem.js';
import { DefineTerritoryDto, LaunchProgrammeDto, RegisterOrganisationDto } from './dto/registry.dto.js';

/** The shared registries: organisations (with aliases), territories, programmes. A command's answer carries `ETag: "<revision>"`. */
@ApiTags('registries')
@Controller()
@UseInterceptors(EtagInterceptor)
export class RegistriesController {
  constructor(
    private readonly sender: CommandSender,
    private readonly directory: DirectoryService,
  ) {}

  private async register(type: RegistryCommand['type'], idField: string, streamOf: (id: string) => string, body: CommandBodyDto, ctx: CommandContext) {
    const sent = await this.sender.send({ aggregate: 'registry', streamOf: (d) => streamOf(d[idField] as string) }, type, body, ctx);
    return { [idField]: sent.ids[idField], revision: sent.revision, events: sent.events, ...(sent.replayed ? { replayed: true } : {}) };
  }

  @Post('organisations') @ApiOperation({ summary: 'RegisterOrganisation' })
  registerOrganisation(@Body() dto: RegisterOrganisationDto, @RequestCommandContext() ctx: CommandContext) { return this.register('RegisterOrganisation', 'organisationId', organisationStream, dto, ctx); }

  @Post('territories') @ApiOperation({ summary: 'DefineTerritory' })
  defineTerritory(@Body() dto: DefineTerritoryDto, @RequestCommandContext() ctx: CommandContext) { return this.register('DefineTerritory', 'territoryId', territoryStream, dto, ctx); }

  @Post('programmes') @ApiOperation({ summary: 'LaunchProgramme' })
  launchProgramme(@Body() dto: LaunchProgrammeDto, @RequestCommandContext() ctx: CommandContext) { return this.register('LaunchProgramme', 'programmeId', programmeStream, dto, ctx); }

  @Get('organisations')
  @ApiOperation({ summary: 'Registered organisations; `name` finds those of that name or alias, accents and case ignored (homonyms of other kinds included)' })
  @ApiQuery({ name: 'name', required: false })
  async organisations(@Query('name') name?: string) {
    const directory = await this.directory.current();
    if (name !== undefined) return { organisations: directory.findOrganisationsByName(name) };
    return { organisations: [...directory.organisations()] };
  }

  @Get('organisations/:id')
  async organisation(@Param('id') id: string) {
    const found = (await this.directory.current()).organisation(id);
    if (!found) throw new ProblemException('OrganisationNotFound', { organisationId: id });
    return found;
  }

  @Get('territories')
  async territories() {
    return { territories: [...(await this.directory.current()).territories()] };
  }

  @Get('programmes')
  async programmes() {
    return { programmes: [...(await this.directory.current()).programmes()] };
  }
}
