/** Small English for messages built from values: "an active campaign", "2 steps". */

/** The word with its indefinite article, by its first letter (enough for our status and field words). */
export function withArticle(word: string, options: { capital?: boolean } = {}): string {
  const article = /^[aeiou]/i.test(word) ? 'an' : 'a';
  return `${options.capital ? article[0]!.toUpperCase() + article.slice(1) : article} ${word}`;
}

/** "1 step", "2 steps". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
