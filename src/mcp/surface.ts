// Which tools the MCP server lists right now, and which it may run. The list starts small (the core,
// or the toolsets asked for) and grows when the agent enables a toolset; every catalogue tool the
// read-only rule allows can run at any time through gong_tool_run, so a client that never
// refreshes its list still reaches all of them.
import { ALL, CORE, filterTools, toolsetNames } from '../catalog/filter.js';
import type { ToolEntry } from '../catalog/types.js';

export interface SurfaceOptions {
  /** `--toolsets`: undefined for the default (the core), `all`, or toolset names (may include `core`). */
  toolsets?: string | readonly string[] | undefined;
  readOnly?: boolean | undefined;
}

export class ToolSurface {
  readonly readOnly: boolean;
  /** Every tool this server may run (the read-only rule applied). */
  readonly allowed: readonly ToolEntry[];
  /** The discovery tools are listed unless every tool is. */
  readonly discovery: boolean;
  readonly mode: 'core' | 'all' | 'toolsets';
  private listedTools: ToolEntry[];
  private readonly enabledSets = new Set<string>();

  constructor(private readonly catalogTools: readonly ToolEntry[], options: SurfaceOptions = {}) {
    this.readOnly = options.readOnly === true;
    const names = toolsetNames(options.toolsets);
    this.mode = !names ? 'core' : names.includes(ALL) ? 'all' : 'toolsets';
    this.allowed = filterTools(catalogTools, { toolsets: [CORE, ALL], readOnly: this.readOnly });
    this.listedTools = this.mode === 'all' ? [...this.allowed] : filterTools(catalogTools, { toolsets: names ?? [CORE], readOnly: this.readOnly });
    for (const n of names ?? []) if (n !== CORE) this.enabledSets.add(n);
    this.discovery = this.mode !== 'all';
  }

  listed(): readonly ToolEntry[] {
    return this.listedTools;
  }

  isListed(name: string): boolean {
    return this.listedTools.some((t) => t.name === name);
  }

  allowedTool(name: string): ToolEntry | undefined {
    return this.allowed.find((t) => t.name === name);
  }

  /** Toolset name → its tools (the read-only rule applied), in catalogue order. */
  toolsets(): Map<string, ToolEntry[]> {
    const sets = new Map<string, ToolEntry[]>();
    for (const t of this.catalogTools) {
      if (this.readOnly && !t.annotations.readOnlyHint) continue;
      sets.set(t.toolset, [...(sets.get(t.toolset) ?? []), t]);
    }
    return sets;
  }

  /** Whether every tool of the toolset is listed. */
  isEnabled(toolset: string): boolean {
    return this.enabledSets.has(toolset) || this.mode === 'all';
  }

  /** Add the toolsets' tools to the list; returns the tools that were not listed before. */
  enable(toolsets: readonly string[]): ToolEntry[] {
    const more = filterTools(this.catalogTools, { toolsets, readOnly: this.readOnly }).filter((t) => !this.isListed(t.name));
    for (const s of toolsets) this.enabledSets.add(s);
    this.listedTools = [...this.listedTools, ...more];
    return more;
  }
}
