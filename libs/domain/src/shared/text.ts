/** Name comparison that ignores case, accents, spacing and punctuation: "Inter-Made" equals "InterMade". */
export const normaliseName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
