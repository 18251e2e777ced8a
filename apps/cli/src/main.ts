import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../api/src/config/env.js';
import { cliContext } from './cli-context.js';
import { auditCommand, auditHelp } from './commands/audit.command.js';
import { demoCommand, demoHelp } from './commands/demo.command.js';
import { erasePersonCommand, erasePersonHelp } from './commands/erase-person.command.js';
import { eventsCommand, eventsHelp } from './commands/events.command.js';
import { exportCommand, exportHelp } from './commands/export.command.js';
import { importCommand, importHelp } from './commands/import.command.js';
import { migrateCommand, migrateHelp } from './commands/migrate.command.js';
import { projectionsCommand, projectionsHelp } from './commands/projections.command.js';
import { serveCommand, serveHelp } from './commands/serve.command.js';
import { statusCommand, statusHelp } from './commands/status.command.js';
import { tokenCommand, tokenHelp } from './commands/token.command.js';
import { endAs, launchFlagsFor, missingFlags, relaunchWith, stopWithLauncher } from './relaunch.js';
import { UsageError } from './usage-error.js';

const version = (): string =>
  (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const HELP = `carnet — le carnet de bord des coopérations territoriales (the logbook of territorial cooperations)

Usage: carnet <command> [options]

Commands:
  ${serveHelp}
  ${statusHelp}
  ${eventsHelp}
  ${demoHelp}
  ${projectionsHelp}
  ${migrateHelp}
  ${auditHelp}
  ${exportHelp}
  ${importHelp}
  ${erasePersonHelp}
  ${tokenHelp}
  version                print the version
  help                   this text

Options:
  --data-dir DIR         data directory (default: CARNET_DATA_DIR or ./data)
  -h, --help             this text

Environment: PORT, CARNET_DATA_DIR, CARNET_EVENT_STORE, EVENTSTORE_CONNECTION_STRING, CARNET_NODE_NAME, CARNET_PERSON_KEYS, CARNET_JWT_SECRET,
             CARNET_OIDC_ISSUER, CARNET_OIDC_AUDIENCE, CARNET_OIDC_JWKS_URL, CARNET_CORS_ORIGINS,
             CARNET_RATE_LIMIT_PER_MINUTE, CARNET_RATE_LIMIT_IP_PER_MINUTE, CARNET_BODY_LIMIT_BYTES, CARNET_LOG_LEVEL,
             CARNET_WEBHOOK_RECEIVERS, CARNET_TIME_ZONE
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  stream: { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  serve: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  cooperation: { type: 'string', multiple: true },
  sub: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  organisation: { type: 'string' },
  ttl: { type: 'string' },
  out: { type: 'string' },
  reason: { type: 'string' },
  threads: { type: 'string' },
} as const;

type Option = keyof typeof OPTIONS;

/** What a command takes besides --data-dir and --help: its options, and the word after its name (and action), if any. */
interface Takes {
  readonly options: readonly Option[];
  readonly word?: string;
}

/** Keyed by command, or by command and action: `projections status` takes nothing that `projections rebuild` does. */
const TAKES: Record<string, Takes> = {
  serve: { options: [] },
  status: { options: [] },
  events: { options: ['stream', 'after', 'limit', 'json'] },
  demo: { options: ['serve'] },
  'projections status': { options: [] },
  'projections rebuild': { options: ['threads'], word: 'name' },
  migrate: { options: ['from', 'to'] },
  'audit verify': { options: ['stream'] },
  export: { options: ['cooperation', 'from', 'to', 'out'] },
  import: { options: [], word: 'FILE' },
  'erase-person': { options: ['reason'], word: 'personId' },
  token: { options: ['sub', 'name', 'role', 'organisation', 'cooperation', 'ttl'] },
  version: { options: [] },
};

/**
 * Refuses an option or a word the command does not take, rather than ignore it: `export --stream S` would export the
 * whole log, `erase-person A B` erase A alone. A command not in TAKES (unknown, or an action missing) is the switch's.
 */
const refuseWhatIsNotTaken = (command: string, rest: readonly string[], given: readonly string[]): void => {
  const action = `${command} ${rest[0]}`;
  const [name, words] = TAKES[action] ? [action, rest.slice(1)] : [command, rest];
  const takes = TAKES[name];
  if (!takes) return;
  const taken = [...takes.options.map((option) => `--${option}`), '--data-dir'].join(', ');
  const notTaken = given.find((option) => option !== 'data-dir' && !(takes.options as readonly string[]).includes(option));
  if (notTaken !== undefined) throw new UsageError(`${name} ne prend pas --${notTaken} / ${name} does not take --${notTaken} (options : ${taken})`);
  const extra = words.slice(takes.word === undefined ? 0 : 1);
  if (extra.length > 0) {
    const [fr, en] = takes.word === undefined ? ['ne prend aucun argument', 'takes no argument'] : [`ne prend qu’un argument (${takes.word})`, `takes one argument, ${takes.word}`];
    throw new UsageError(`${name} ${fr} / ${name} ${en} — en trop (extra) : ${extra.join(' ')}`);
  }
};

export const main = async (argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> => {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  const [command = 'help', ...rest] = positionals;
  if (values.help || command === 'help') {
    out(HELP);
    return 0;
  }
  refuseWhatIsNotTaken(command, rest, Object.keys(values));
  if (command === 'version') {
    out(version());
    return 0;
  }
  const context = cliContext({ ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) }, out);
  switch (command) {
    case 'serve':
      await serveCommand(context);
      return 0;
    case 'status':
      await statusCommand(context);
      return 0;
    case 'events':
      await eventsCommand(context, values);
      return 0;
    case 'projections':
      await projectionsCommand(context, rest[0], rest[1], values);
      return 0;
    case 'migrate':
      if (!values.from || !values.to) throw new UsageError('migrate needs --from sqlite:<data dir> and --to <esdb://… | sqlite:<data dir>>');
      await migrateCommand(context, values.from, values.to);
      return 0;
    case 'audit':
      return auditCommand(context, rest[0], values.stream);
    case 'export':
      if ((values.cooperation?.length ?? 0) > 1) throw new UsageError('export takes one --cooperation');
      await exportCommand(context, { ...values, cooperation: values.cooperation?.[0] });
      return 0;
    case 'import':
      if (!rest[0]) throw new UsageError('import needs a file: carnet import <export.ndjson>');
      return importCommand(context, rest[0]);
    case 'erase-person':
      if (!rest[0]) throw new UsageError('erase-person needs a person id: carnet erase-person person:marianne-morini');
      return erasePersonCommand(context, rest[0], values.reason);
    case 'token':
      await tokenCommand(context, values);
      return 0;
    case 'demo':
      await demoCommand(context, { serve: Boolean(values.serve) });
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
};

/** The V8 flags this command needs and this process lacks (none when its arguments do not parse: `main` says why). */
const flagsToRelaunchWith = (argv: string[]): string[] => {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
    const [command = 'help', action, name] = positionals;
    return missingFlags(launchFlagsFor({ command, action, name, threads: values.threads, help: values.help }));
  } catch {
    return [];
  }
};

/** The `carnet` process: relaunched first if the command needs V8 flags it was not given (relaunch.ts). */
export const run = async (argv: string[]): Promise<void> => {
  const flags = flagsToRelaunchWith(argv);
  if (flags.length > 0) {
    try {
      endAs(await relaunchWith(flags));
      return;
    } catch (error) {
      // Not relaunched (no process could be started): the command runs here, without the flags.
      console.error(`carnet: ${flags.join(' ')} not applied (${(error as Error).message}); going on without`);
    }
  }
  stopWithLauncher();
  try {
    const code = await main(argv);
    if (code !== 0) process.exitCode = code;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`carnet: ${error instanceof ConfigError || usage || error instanceof Error ? (error as Error).message : String(error)}`);
    if (usage) console.error('Try: carnet --help');
    process.exitCode = usage ? 2 : 1;
  }
};
