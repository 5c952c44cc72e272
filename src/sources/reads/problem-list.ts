import type { SourceProblem } from '../../types.js';

/**
 * The problems of one source, capped: the first `max` are kept with where they were, the rest only counted
 * and summed up in one last problem (`N more unparseable lines`).
 */
export class ProblemList {
  private readonly kept: SourceProblem[] = [];
  private extra = 0;
  private readonly extraWhere = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly max = 20,
  ) {}

  /** Adds a problem; `where` is `file:line` or a URL. */
  add(where: string, message: string): void {
    if (this.kept.length < this.max) this.kept.push({ source: this.source, where, message });
    else {
      this.extra++;
      this.extraWhere.add(where.replace(/:\d+$/, ''));
    }
  }

  /** Problems recorded, kept or not. */
  get count(): number {
    return this.kept.length + this.extra;
  }

  /** The kept problems, plus one that says how many more there were (`what`: e.g. `unparseable lines`). */
  list(what: string): SourceProblem[] {
    if (this.extra === 0) return [...this.kept];
    return [
      ...this.kept,
      // `what` is plural ("unparseable lines"): one more is "1 more unparseable line".
      { source: this.source, where: [...this.extraWhere].join(', '), message: `${this.extra} more ${this.extra === 1 ? what.replace(/s$/, '') : what}` },
    ];
  }
}
