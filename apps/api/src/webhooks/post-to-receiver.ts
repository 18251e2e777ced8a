import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf, isPublicAddress, publicOnlyLookup, ReceiverNotPublic, type WebhookReceiverPolicy } from './receiver-address.js';

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
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const sent = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal, ...(receivers === 'public' ? { lookup: publicOnlyLookup } : {}) },
      (answer) => {
        // Read to its end so the connection can serve the next delivery; an abort meanwhile is no longer this attempt's.
        answer.on('error', () => undefined).resume();
        resolve(answer.statusCode ?? 0);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
