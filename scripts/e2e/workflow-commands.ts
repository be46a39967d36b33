/**
 * Reading what an action told the runner: workflow commands on stdout (`::error file=a,line=3::msg`)
 * and the key-value files behind `GITHUB_OUTPUT`, `GITHUB_ENV` and `GITHUB_STATE`, in both forms
 * @actions/core and shell steps write (`name=value` and `name<<DELIMITER` ... `DELIMITER`).
 */

/** An annotation as the runner would show it on the run and in the diff. */
export interface Annotation {
  level: "error" | "warning" | "notice";
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

/** Everything the workflow commands on stdout said, besides plain log lines. */
export interface WorkflowCommands {
  annotations: Annotation[];
  /** `::debug::` messages. */
  debug: string[];
  /** Values passed to `::add-mask::`. */
  masks: string[];
  /** Names of `::group::` sections, in order. */
  groups: string[];
}

/** Undoes @actions/core's escaping of a command message (or, with `property`, of a property value). */
function unescapeCommand(text: string, property = false): string {
  let out = text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
  if (property) out = out.replace(/%3A/gi, ":").replace(/%2C/gi, ",");
  return out.replace(/%25/g, "%");
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/;

/** Parses workflow commands out of an action's stdout (other lines are ignored). */
export function parseWorkflowCommands(stdout: string): WorkflowCommands {
  const result: WorkflowCommands = { annotations: [], debug: [], masks: [], groups: [] };
  for (const raw of stdout.split(/\r?\n/)) {
    const m = COMMAND.exec(raw);
    if (!m) continue;
    const [, name = "", props = "", data = ""] = m;
    const message = unescapeCommand(data);
    const properties: Record<string, string> = {};
    for (const pair of props.split(",")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeCommand(pair.slice(eq + 1), true);
    }
    if (name === "error" || name === "warning" || name === "notice") {
      const num = (key: string) =>
        properties[key] !== undefined && properties[key] !== "" ? { [key]: Number(properties[key]) } : {};
      result.annotations.push({
        level: name,
        message,
        ...(properties["file"] ? { file: properties["file"] } : {}),
        ...num("line"),
        ...num("endLine"),
        ...num("col"),
        ...num("endColumn"),
        ...(properties["title"] ? { title: properties["title"] } : {}),
      });
    } else if (name === "debug") result.debug.push(message);
    else if (name === "add-mask") result.masks.push(message);
    else if (name === "group") result.groups.push(message);
  }
  return result;
}

/**
 * Parses a `GITHUB_OUTPUT`-style file. Later assignments of a name win, as on the runner. Throws on
 * a heredoc without its closing delimiter (the runner fails the step in that case too).
 */
export function parseKeyValueFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const eq = line.indexOf("=");
    if (heredoc && (eq < 0 || eq > line.indexOf("<<"))) {
      const [, name = "", delimiter = ""] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i] ?? "");
      }
      if (!closed) throw new Error(`value of ${name} is missing its closing delimiter ${delimiter}`);
      values[name] = body.join("\n");
    } else if (eq > 0) {
      values[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`cannot parse line ${i + 1} of the file: ${JSON.stringify(line)}`);
    }
  }
  return values;
}
