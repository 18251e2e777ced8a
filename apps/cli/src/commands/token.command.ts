import { isAbsolute, relative } from 'node:path';
import { PLATFORM_ROLES, type PlatformRole } from '#domain';
import { signingSecretOf } from '../../../api/src/auth/signing-secret.js';
import { mintLocalToken, ttlSeconds } from '../../../api/src/auth/tokens.js';
import { SLUG } from '../../../api/src/http/slug.js';
import type { CarnetConfig } from '../../../api/src/config/env.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../usage-error.js';

export const tokenHelp = `token --sub ID --role admin|auditor|member [--name NAME] [--organisation ID]
                         [--cooperation ID]... [--ttl 8h]
                         mint a bearer token signed with this data directory's secret (or CARNET_JWT_SECRET)`;

export interface TokenOptions {
  readonly sub?: string;
  readonly name?: string;
  readonly role?: string;
  readonly organisation?: string;
  readonly cooperation?: readonly string[];
  readonly ttl?: string;
}

/** Prints the token alone on stdout, so `TOKEN=$(npx carnet token …)` works; what it grants goes to stderr. */
export const tokenCommand = async (context: CliContext, options: TokenOptions, note: (line: string) => void = (l) => console.error(l)): Promise<void> => {
  const problems: string[] = [];
  if (!options.sub) problems.push('--sub is required (the user id, e.g. user:marianne)');
  if (!options.role || !(PLATFORM_ROLES as readonly string[]).includes(options.role)) problems.push(`--role must be one of ${PLATFORM_ROLES.join(', ')}`);
  for (const [flag, id] of [['--organisation', options.organisation], ...(options.cooperation ?? []).map((c) => ['--cooperation', c])] as const) {
    if (id !== undefined && !SLUG.test(id)) problems.push(`${flag} must be an id such as org:cite-des-transitions or coop:citees-marseille (got "${id}")`);
  }
  if (options.role === 'member' && !options.cooperation?.length) problems.push('a member token needs at least one --cooperation (the cooperations it may read)');
  const ttl = options.ttl ?? '8h';
  try {
    ttlSeconds(ttl);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  const token = await mintLocalToken(signingSecretOf(context.config, note), {
    sub: options.sub!,
    role: options.role as PlatformRole,
    ...(options.name ? { name: options.name } : {}),
    ...(options.organisation ? { organisationId: options.organisation } : {}),
    ...(options.cooperation?.length ? { cooperationIds: options.cooperation } : {}),
  }, ttl);
  context.out(token);
  note(`Jeton ${ROLE_FR[options.role as PlatformRole]} pour ${options.sub}, valable ${ttl} — ${options.role} token for ${options.sub}, valid ${ttl}`);
};

const ROLE_FR: Record<PlatformRole, string> = { admin: 'administrateur·rice', auditor: 'auditeur·rice', member: 'membre' };

/**
 * What `serve` and `demo --serve` print: the dashboard asks for a token, here is how to get one. The command names this
 * server's data directory, whose secret signs local tokens: minted against another, the token is refused.
 */
export const signInHint = (config: Pick<CarnetConfig, 'dataDir' | 'jwtSecret'>): string => {
  const command = `npx carnet token${config.jwtSecret ? '' : ` --data-dir ${shellWord(relativeOrAbsolute(config.dataDir))}`} --sub user:moi --role admin`;
  return `Connexion au tableau de bord : collez le jeton de \`${command}\` — sign in with that token`;
};

/** A path as one shell word: quoted when it holds a space or anything a shell would read. */
const shellWord = (text: string): string => (/^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/** `./data` rather than /home/…/data when the directory is under the current one: the line stays copyable and short. */
const relativeOrAbsolute = (dir: string): string => {
  const relativePath = relative(process.cwd(), dir);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? `./${relativePath}` : dir;
};

