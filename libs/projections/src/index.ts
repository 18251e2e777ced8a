export * from './projection.js';
export * from './runner/checkpoints.js';
export * from './runner/projection-runner.js';
export { nextGenerationPath, openReadModels, publishGeneration, ReadModelsConnection, removeOtherGenerations } from './runner/read-models-file.js';
export * from './read-models/cooperation-list.projection.js';
export * from './read-models/cooperation-timeline.projection.js';
export * from './read-models/event-labels.js';
export * from './read-models/dashboard.projection.js';
export * from './read-models/commitment-ledger.projection.js';
export * from './read-models/governance-log.projection.js';
export * from './read-models/actions-board.projection.js';
export * from './read-models/indicators.projection.js';
export * from './read-models/alerts.js';
import { commitmentLedger } from './read-models/commitment-ledger.projection.js';
import { dashboardFigures } from './read-models/dashboard.projection.js';
import { cooperationList } from './read-models/cooperation-list.projection.js';
import { cooperationTimeline } from './read-models/cooperation-timeline.projection.js';
import { governanceLog } from './read-models/governance-log.projection.js';
import { actionsBoard } from './read-models/actions-board.projection.js';
import { indicatorsAndEvaluations } from './read-models/indicators.projection.js';

/** Every read model the API keeps. */
export const ALL_PROJECTIONS = [cooperationList, cooperationTimeline, dashboardFigures, commitmentLedger, governanceLog, actionsBoard, indicatorsAndEvaluations] as const;
export * from './runner/rebuild.js';
