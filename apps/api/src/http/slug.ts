/**
 * Client-chosen ids (api.md): a slug such as `coop:citees-marseille`; server-made UUIDs fit it too. In a module of
 * its own, free of decorators, so what only checks ids (tokens, the CLI) loads no validation metadata.
 */
export const SLUG = /^[a-z0-9][a-z0-9:._-]{1,127}$/;
