import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, isPublicAddress, publicOnlyLookup, ReceiverNotPublic, type WebhookReceiverPolicy } from './receiver-address.js';

/**
 * The deliveries' own connection pools, not the process's global agents: those may be told to go through a proxy from
 * the environment (NODE_USE_ENV_PROXY), which would connect wherever it is asked, unchecked.
 */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } as const;

/**
 * POSTs a delivery and resolves with the receiver's status once its answer starts (the answer's body is discarded);
 * rejects with the network error, or a ReceiverNotPublic when the policy refuses the address the receiver is at. A
 * redirect is the receiver's answer, not a second address to post the event to: it is never followed.
 */
export const postToReceiver = (
  url: string,
  headers: OutgoingHttpHeaders,
  body: string,
  { signal, receivers }: { readonly signal: AbortSignal; readonly receivers: WebhookReceiverPolicy },
): Promise<number> =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = hostOf(target);
    // A literal address is connected to without a lookup: checked here.
    if (receivers === 'public' && isIP(host) && !isPublicAddress(host)) return reject(new ReceiverNotPublic(host, host));
    const https = target.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const sent = send(
      target,
      { agent: AGENTS[https ? 'https:' : 'http:'], method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal, ...(receivers === 'public' ? { lookup: publicOnlyLookup } : {}) },
      (answer) => {
        // Read to its end so the connection can serve the next delivery; an abort meanwhile is no longer this attempt's.
        answer.on('error', () => undefined).resume();
        resolve(answer.statusCode ?? 0);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });

/**
 * Why an attempt got no answer, never empty: an abort says its reason (the timeout), and a connection tried at each of
 * the receiver's addresses in turn fails with an AggregateError whose own message is empty. Read by shape, not by class:
 * an abort's reason is a DOMException, of another realm than Error under some runners.
 */
export const failureText = (failure: unknown): string => {
  const { message, cause, errors, code, name } = (typeof failure === 'object' && failure !== null ? failure : {}) as {
    message?: unknown; cause?: { message?: unknown } | null; errors?: unknown; code?: unknown; name?: unknown;
  };
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  if (Array.isArray(errors) && errors.length) return errors.map(failureText).join('; ');
  for (const text of [message, code, name]) if (typeof text === 'string' && text) return text;
  return String(failure);
};
