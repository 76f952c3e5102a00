import type { I18n } from './i18n.js';
import type { StringKey } from './strings.js';

const SPECIES: Record<string, StringKey> = { lime: 'tree.species.lime', ash: 'tree.species.ash', 'norway-maple': 'tree.species.norway-maple' };

/** A tree sensor's species in the UI language (the registry names it in English); an unknown one as it stands. */
export function treeSpecies(species: string, t: I18n['t']): string {
  const key = SPECIES[species];
  return key ? t(key) : species;
}
