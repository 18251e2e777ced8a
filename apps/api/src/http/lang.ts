import { ProblemException } from './problem.js';

/** The `lang` query parameter of the read routes: French by default, English on request, anything else a 400. */
export const langOf = (lang: string | undefined): 'fr' | 'en' => {
  if (lang !== undefined && lang !== 'fr' && lang !== 'en') {
    throw new ProblemException('ValidationFailed', {}, [{ field: 'lang', messages: ['lang must be fr or en'] }]);
  }
  return lang ?? 'fr';
};
