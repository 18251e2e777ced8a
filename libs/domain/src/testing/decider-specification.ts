import { expect } from '@jest/globals';
import type { Command, Decider, DomainEvent } from '../shared/decider.js';
import { fold } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * given(events).when(command).then(events) | .thenThrows(code) — one test per rule, named after it
 * (Emmett's DeciderSpecification, in our words).
 */
export const deciderSpecification =
  <C extends Command, E extends DomainEvent, S, Ctx>(decider: Decider<C, E, S, Ctx>, context: () => Ctx) =>
  (given: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, fold(decider.evolve, decider.initialState(), given), context());
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenProduces: (check: (events: E[]) => void) => check(run()),
        thenThrows: (code: string, params?: Record<string, unknown>) => {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect((caught as DomainError).code).toBe(code);
          if (params) expect((caught as DomainError).params).toMatchObject(params);
        },
      };
    },
  });
