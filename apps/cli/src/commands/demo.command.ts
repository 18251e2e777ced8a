import type { AddressInfo } from 'node:net';
import { signingSecretOf } from '../../../api/src/auth/signing-secret.js';
import { mintLocalToken } from '../../../api/src/auth/tokens.js';
import type { CliContext } from '../cli-context.js';
import { signInHint } from './token.command.js';
import { scenarioA, scenarioAHandOver, scenarioB, scenarioBSeatsStartAndAction, scenarioC, scenarioCImplementation, scenarioD, scenarioDSignaturesAndAfter, scenarioE, scenarioESignaturesAndAfter, sha256, type Step } from '../demo/scenarios.js';

export const demoHelp = 'demo [--serve]         load scenarios A–E of domain.md §9 through the API (again: nothing doubles)';

const SCENARIOS: readonly { key: string; title: string; steps: () => Step[] }[] = [
  { key: 'a', title: 'A — CITÉES Marseille', steps: () => [...scenarioA(), ...scenarioAHandOver()] },
  { key: 'b', title: 'B — Un atelier de quartier pour BaFaPaTaBor en transition', steps: () => [...scenarioB(), ...scenarioBSeatsStartAndAction()] },
  { key: 'c', title: 'C — TEC, Vallée de la Roya', steps: () => [...scenarioC(), ...scenarioCImplementation()] },
  { key: 'd', title: 'D — PTCE Resto Passerelle', steps: () => [...scenarioD(), ...scenarioDSignaturesAndAfter()] },
  { key: 'e', title: 'E — Convention La France s’engage × Ville de Marseille', steps: () => [...scenarioE(), ...scenarioESignaturesAndAfter()] },
];

/**
 * Sends the scenarios through the same HTTP command path as any client. Each step carries an
 * Idempotency-Key derived from its content (not its index, so a scenario that gains steps in a
 * later version still replays what an older demo recorded): running it twice doubles nothing.
 */
export const demoCommand = async (context: CliContext, options: { serve?: boolean }): Promise<void> => {
  const { createApp } = await import('../../../api/src/app.factory.js');
  const app = await createApp(context.config, { logger: ['error', 'warn'] });
  if (options.serve) await app.listen(context.config.port);
  else await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  // The demo records history as platform staff would, with a short-lived admin token of this data directory.
  const token = await mintLocalToken(signingSecretOf(context.config), { sub: 'user:carnet-demo', role: 'admin' }, '1h');
  try {
    for (const scenario of SCENARIOS) {
      const steps = scenario.steps();
      let recorded = 0;
      for (const [index, step] of steps.entries()) {
        const response = await fetch(`${base}${step.path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `demo:${scenario.key}:${sha256(step.path + JSON.stringify(step.body)).slice(0, 32)}` },
          body: JSON.stringify(step.body),
        });
        const body = (await response.json()) as { replayed?: boolean; code?: string; detail?: string };
        if (!response.ok) throw new Error(`scenario ${scenario.title}, step ${index + 1} (${step.path}): ${body.code} — ${body.detail}`);
        if (!body.replayed) recorded += 1;
      }
      context.out(`Scénario ${scenario.title} : ${steps.length} commandes, ${recorded} enregistrées, ${steps.length - recorded} déjà présentes`);
    }
  } catch (error) {
    await app.close();
    throw error;
  }
  if (options.serve) {
    context.out(`Carnet écoute sur http://localhost:${context.config.port} — API /docs, santé /health`);
    context.out(signInHint(context.config));
    return;
  }
  await app.close();
};
