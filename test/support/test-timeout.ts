import { jest } from '@jest/globals';

/**
 * End-to-end and browser tests start Carnet, load scenarios and drive chromium through page loads and live
 * pushes: on a loaded 2-core CI runner one step can take seconds, and jest's 5 s default failed a browser test
 * that was right. Jest 30 honours `testTimeout` only globally, not per project, hence this setup file. In the
 * browser, Playwright's own waits stop first (`setDefaultTimeout` in the spec), so a missing element is
 * reported by its locator rather than by a bare timeout.
 */
jest.setTimeout(45_000);
