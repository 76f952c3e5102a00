import type { UtciCategory } from '../../../common/models/heat.js';
import type { Lang } from './strings.js';

export function categoryLabel(category: UtciCategory, lang: Lang): string {
  return lang === 'de' ? category.labelDe : category.labelEn;
}
