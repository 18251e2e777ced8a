import type { CliContext } from '../cli-context.js';
import { signInHint } from './token.command.js';

export const serveHelp = 'serve                  start the API (same as npm start), on PORT (default 3000)';

export const serveCommand = async (context: CliContext): Promise<void> => {
  // Loaded on demand: the other sub-commands never start Nest.
  const { createApp } = await import('../../../api/src/app.factory.js');
  const app = await createApp(context.config);
  await app.listen(context.config.port);
  context.out(`Carnet écoute sur http://localhost:${context.config.port} — API /docs, santé /health`);
  context.out(signInHint(context.config));
};
