/**
 * The bearer token of this tab. It lives in sessionStorage (key `carnet.token`): gone when the tab closes, never
 * shared with other tabs, never written to localStorage nor put in an address.
 */
const KEY = 'carnet.token';

/** Why the session ended: the API's 401 code, or the person signed out. */
export type EndReason = 'Unauthenticated' | 'TokenExpired' | 'signedOut';

/** Who the token says the caller is (GET /me). */
export interface Principal {
  userId: string;
  role: 'admin' | 'auditor' | 'member';
  organisationId?: string;
  cooperationIds?: string[];
}

export const sessionToken = (): string | null => {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: every request goes without a token and the sign-in view explains
  }
};

export const startSession = (token: string): void => sessionStorage.setItem(KEY, token);

let onEnd: ((reason: EndReason) => void) | undefined;
/** `handler` hears each end of the session (main.ts shows the sign-in view with the reason). */
export const onSessionEnd = (handler: (reason: EndReason) => void): void => {
  onEnd = handler;
};

/**
 * Forgets the token and says why. `token` is the one a refused request carried: a late answer to a request made
 * with an earlier token (or none) leaves the current session alone, and a burst of 401s ends it once.
 */
export const endSession = (reason: EndReason, token?: string | null): void => {
  if (token !== undefined && (token === null || token !== sessionToken())) return;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
  onEnd?.(reason);
};

/** What a person pastes: the token alone, without a `Bearer ` prefix, quotes or the line breaks of a terminal. */
export const normaliseToken = (pasted: string): string => pasted.trim().replace(/^bearer\s+/i, '').replace(/^["']|["']$/g, '').replace(/\s+/g, '');
