export * from './projection.js';
export * from './runner/checkpoints.js';
export * from './runner/projection-runner.js';
export * from './read-models/cooperation-list.projection.js';
import { cooperationList } from './read-models/cooperation-list.projection.js';

/** Every read model the API keeps. */
export const ALL_PROJECTIONS = [cooperationList] as const;
