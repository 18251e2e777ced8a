import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig, type CarnetConfig } from './config/env.js';

const bootstrap = async (): Promise<void> => {
  let config: CarnetConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Carnet ne peut pas démarrer / cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port);
  const where = config.eventStore.kind === 'sqlite' ? config.eventStore.path : 'EventStoreDB';
  const node = config.nodeName ? ` — nœud ${config.nodeName}, vues : ${config.readModelsPath}` : '';
  new Logger('Carnet').log(`Carnet écoute sur http://localhost:${config.port} (API /docs, santé /health) — journal : ${where}${node}`);
};

void bootstrap();
