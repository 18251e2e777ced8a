import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#domain';
import { CurrentPrincipal } from './current-principal.js';

/** Who the token says the caller is: the dashboard shows it and hides what the role cannot do. */
@ApiTags('session')
@Controller('me')
export class SessionController {
  @Get()
  @ApiOperation({ summary: 'The verified caller: user id, platform role (admin, auditor, member), organisation and cooperations' })
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}
