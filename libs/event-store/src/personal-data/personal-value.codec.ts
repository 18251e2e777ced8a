import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a personal value reads once its person's key is gone (erased, or a log imported without its key store). */
export const ERASED_PERSONAL_DATA = '[donnée effacée]';

/** A personal value as stored: AES-256-GCM under its person's key, a fresh IV each time, the person id bound as AAD. */
export interface SealedPersonalValue {
  readonly $personal: { readonly personId: string; readonly iv: string; readonly ciphertext: string; readonly tag: string };
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export const sealPersonalValue = (key: Buffer, personId: string, value: unknown): SealedPersonalValue => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(personId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $personal: { personId, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') } };
};

const isText = (value: unknown): value is string => typeof value === 'string';

export const isSealedPersonalValue = (value: unknown): value is SealedPersonalValue => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, '$personal')) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$personal') return false;
  const sealed = (value as { $personal: unknown }).$personal as Record<string, unknown> | null;
  return typeof sealed === 'object' && sealed !== null && [sealed.personId, sealed.iv, sealed.ciphertext, sealed.tag].every(isText);
};

/**
 * The value sealed under `key`, or the erasure marker when there is no key or it does not open the value (another
 * key store's key for the same id): unreadable personal data reads as erased, never as an error that would stop a
 * read model. Tampering with a stored ciphertext is the hash chain's to report (`carnet audit verify`).
 */
export const openPersonalValue = (key: Buffer | undefined, value: SealedPersonalValue): unknown => {
  if (!key) return ERASED_PERSONAL_DATA;
  try {
    return decrypt(key, value);
  } catch {
    return ERASED_PERSONAL_DATA;
  }
};

/** Whether `key` is the one the value was sealed under (another key store's key for the same id is not). */
export const opensPersonalValue = (key: Buffer, value: SealedPersonalValue): boolean => {
  try {
    decrypt(key, value);
    return true;
  } catch {
    return false;
  }
};

/** The clear value; throws when the key is not the value's or the value was altered (GCM's tag). */
const decrypt = (key: Buffer, { $personal: sealed }: SealedPersonalValue): unknown => {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(sealed.personId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const clear = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(clear.toString('utf8')) as unknown;
};

/**
 * `data` with every sealed value opened, wherever it sits: the stored form describes itself, so reading needs no
 * table and works on any schema version (decryption runs before upcasting). The same object when nothing was sealed.
 */
export const revealPersonalData = <T>(data: T, keyOf: (personId: string) => Buffer | undefined): T => {
  if (typeof data !== 'object' || data === null) return data;
  // Every event read comes through here: plain loops that skip texts and numbers, no entries array per object.
  if (Array.isArray(data)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < data.length; i++) {
      const item: unknown = data[i];
      if (typeof item !== 'object' || item === null) continue;
      const revealed = revealPersonalData(item, keyOf);
      if (revealed !== item) (items ??= [...(data as unknown[])])[i] = revealed;
    }
    return (items as T | undefined) ?? data;
  }
  if (isSealedPersonalValue(data)) return openPersonalValue(keyOf(data.$personal.personId), data) as T;
  let changed: Record<string, unknown> | undefined;
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value !== 'object' || value === null) continue;
    const revealed = revealPersonalData(value, keyOf);
    if (revealed !== value) (changed ??= { ...record })[key] = revealed;
  }
  return (changed as T | undefined) ?? data;
};
