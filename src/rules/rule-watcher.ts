/**
 * Hot reload: watches a rule directory and reloads on change. A broken edit is
 * reported (every problem as file:line:col) and the last good rule set stays
 * live; a good edit is handed to `onRules` without a restart.
 */
import { type FSWatcher, watch } from "node:fs";
import { type LoadResult, loadRules } from "./load.js";
import type { RuleProblem } from "./rule-error.js";
import type { RulePack } from "./rule-pack.js";

export interface RuleWatcherOptions {
  dir: string;
  onRules: (pack: RulePack) => void;
  onProblems: (problems: RuleProblem[]) => void;
  /** Editors write a file in several steps; wait this long after the last event. @defaultValue 200 */
  debounceMs?: number;
}

export class RuleWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RuleWatcherOptions) {}

  start(): void {
    this.watcher = watch(this.options.dir, (_event, name) => {
      if (name && !/\.ya?ml$/i.test(name)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), this.options.debounceMs ?? 200);
    });
  }

  /** Reloads now; returns what was loaded, whether it went live or not. */
  reload(): LoadResult {
    const result = loadRules(this.options.dir);
    if (result.ok) this.options.onRules(result.pack);
    else this.options.onProblems(result.problems);
    return result;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
