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
    // Unhandled, a watcher's error event would end the process; the rules already live stay live.
    this.watcher.on("error", (error) => {
      this.report([
        { file: this.options.dir, line: 1, col: 1, message: `watching for changes failed: ${error.message}` },
      ]);
    });
  }

  /**
   * Reloads now; returns what was loaded, whether it went live or not. Never throws: it runs from a
   * file-system event, where an exception would end the process. A pack the loader accepted but
   * `onRules` could not put live (compiling it failed) is reported like a broken file, and whatever
   * `onRules` had not replaced stays live.
   */
  reload(): LoadResult {
    const result = loadRules(this.options.dir);
    if (result.ok) {
      try {
        this.options.onRules(result.pack);
        return result;
      } catch (error) {
        const problems: RuleProblem[] = [
          {
            file: this.options.dir,
            line: 1,
            col: 1,
            message: `the rules could not be put live: ${(error as Error).message.split("\n")[0]}`,
          },
        ];
        this.report(problems);
        return { ok: false, problems };
      }
    }
    this.report(result.problems);
    return result;
  }

  private report(problems: RuleProblem[]): void {
    try {
      this.options.onProblems(problems);
    } catch {
      // Reporting failed (a closed log stream): the last good rules stay live all the same.
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}
